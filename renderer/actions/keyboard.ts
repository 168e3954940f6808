/**
 * Shortcut strings such as `Mod+Shift+Z`: modifiers joined by `+`, then one key. `Mod` is Ctrl
 * (Cmd on macOS). Keys match `KeyboardEvent.key` case-insensitively, or the physical key for
 * letters and digits so shortcuts survive other keyboard layouts and Shift.
 */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface ParsedShortcut {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

export function parseShortcut(shortcut: string): ParsedShortcut {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  return {
    mod: parts.includes('Mod'),
    shift: parts.includes('Shift'),
    alt: parts.includes('Alt'),
    key: key === '' ? '+' : key,
  };
}

function keyMatches(wanted: string, event: KeyLike): boolean {
  if (event.key.toLowerCase() === wanted.toLowerCase()) return true;
  if (/^[a-z]$/i.test(wanted)) return event.code === `Key${wanted.toUpperCase()}`;
  if (/^\d$/.test(wanted)) return event.code === `Digit${wanted}`;
  return false;
}

export function matchesShortcut(shortcut: string, event: KeyLike, isMac: boolean): boolean {
  const s = parseShortcut(shortcut);
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  return (
    s.mod === mod &&
    !otherMod &&
    s.shift === event.shiftKey &&
    s.alt === event.altKey &&
    keyMatches(s.key, event)
  );
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥' };

/** How a shortcut is written for people: `Ctrl+Shift+Z`, or `⇧⌘Z` on macOS. */
const KEY_NAMES: Record<string, string> = { Delete: 'Del', Backspace: '⌫', Escape: 'Esc' };

export function formatShortcut(shortcut: string, isMac: boolean): string {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const shown = key.length === 1 ? key.toUpperCase() : (KEY_NAMES[key] ?? key);
  if (isMac) {
    const order = ['Alt', 'Shift', 'Mod'];
    return [...order.filter((m) => parts.includes(m)).map((m) => MAC_SYMBOLS[m]), shown].join('');
  }
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), shown].join('+');
}

export const isMacPlatform = (platform: string): boolean => /mac|darwin/i.test(platform);
