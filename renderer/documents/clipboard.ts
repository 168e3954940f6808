/**
 * The system clipboard when the page may use it, and a copy in memory otherwise (a browser that
 * refuses clipboard access still pastes between documents of this window).
 */
let remembered = '';

export function writeClipboard(text: string): void {
  remembered = text;
  navigator.clipboard?.writeText(text).catch(() => {
    // Permission refused: the in-memory copy still serves this window.
  });
}

export async function readClipboard(): Promise<string> {
  try {
    const text = await navigator.clipboard.readText();
    return text === '' ? remembered : text;
  } catch {
    return remembered;
  }
}

/** What copy and cut events put on the clipboard, remembered for the fallback too. */
export function rememberClipboard(text: string): void {
  remembered = text;
}
