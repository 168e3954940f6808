/**
 * Names in generated code. A node's name may be anything a person types — spaces, emoji, quotes,
 * `../`, reserved words — so it never goes into code as is. Each node gets a stem made of ASCII
 * words, from which its identifiers (camelCase keys, PascalCase types) and its file name
 * (kebab-case) are built; stems are unique per node kind, case-insensitively, so two names that
 * differ only in case still get two files on a case-insensitive file system. The original name
 * lives on only inside escaped string literals and comments.
 */

/** The longest stem, in characters: keeps generated lines short and file names readable. */
export const MAX_STEM_LENGTH = 30;

/** File names Windows refuses whatever the extension. */
const WINDOWS_DEVICE_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * Splits a name into lower-case ASCII words: accents are dropped (é → e), camelCase and
 * letter/digit boundaries split (`HTTPServer2` → http, server2), everything else separates.
 */
export function nameWords(name: string): string[] {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[Ææ]/g, 'ae')
    .replace(/[Øø]/g, 'o')
    .replace(/[Łł]/g, 'l');
  const words: string[] = [];
  for (const chunk of ascii.split(/[^A-Za-z0-9]+/)) {
    if (chunk === '') continue;
    const parts = chunk.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g) ?? [chunk];
    for (const part of parts) words.push(part.toLowerCase());
  }
  return words;
}

/** Words trimmed to MAX_STEM_LENGTH characters in total (joined without separators). */
function capWords(words: readonly string[]): string[] {
  const out: string[] = [];
  let length = 0;
  for (const word of words) {
    const room = MAX_STEM_LENGTH - length;
    if (room <= 0) break;
    const taken = word.slice(0, room);
    out.push(taken);
    length += taken.length;
  }
  return out;
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The names generated code uses for one node. */
export interface NodeNames {
  /** camelCase, for object keys: `emailSender`. Never starts with a digit. */
  readonly key: string;
  /** PascalCase, for types and after a verb: `EmailSender` (as in `handleEmailSender`). */
  readonly type: string;
  /** kebab-case file name without extension: `email-sender`. */
  readonly file: string;
}

function namesFromWords(words: readonly string[]): NodeNames {
  const [first = '', ...rest] = words;
  return {
    key: first + rest.map(capitalise).join(''),
    type: words.map(capitalise).join(''),
    file: words.join('-'),
  };
}

/**
 * Gives each name a stem unique within `taken` (lower-case file names already used). A name
 * without usable ASCII words falls back to `fallbackWord` (the node kind); a stem starting with
 * a digit is prefixed with it, so identifiers never start with a digit.
 */
export class NameAllocator {
  private readonly taken = new Set<string>();
  /**
   * The next numeric suffix to try per stem: without it the k-th node named alike tried 2, 3, …,
   * k again, and n nodes sharing a name cost n²/2 checks.
   */
  private readonly nextSuffix = new Map<string, number>();
  /** Candidate names checked so far (for tests: linear in the names allocated). */
  probes = 0;

  constructor(
    private readonly fallbackWord: string,
    reservedFiles: readonly string[] = [],
  ) {
    for (const file of reservedFiles) this.taken.add(`file:${file}`);
  }

  private isTaken(names: NodeNames): boolean {
    this.probes++;
    return this.taken.has(`file:${names.file}`) || this.taken.has(`key:${names.key}`);
  }

  allocate(name: string): NodeNames {
    let words = capWords(nameWords(name));
    if (words.length === 0) words = [this.fallbackWord];
    else if (/^[0-9]/.test(words[0]!)) words = capWords([this.fallbackWord, ...words]);
    if (WINDOWS_DEVICE_NAMES.test(words.join('-'))) words = [...words, this.fallbackWord];
    let names = namesFromWords(words);
    if (this.isTaken(names)) {
      // Keys and files are checked apart: ['a', '2', '3'] and ['a', '23'] share the key `a23`.
      const stem = names.file;
      let n = this.nextSuffix.get(stem) ?? 2;
      for (; this.isTaken((names = namesFromWords([...words, String(n)]))); n++);
      this.nextSuffix.set(stem, n + 1);
    }
    this.taken.add(`file:${names.file}`);
    this.taken.add(`key:${names.key}`);
    return names;
  }
}

/** An npm package name for the project: lower-case, URL-safe, never empty. */
export function packageName(documentName: string): string {
  const words = capWords(nameWords(documentName));
  return words.length === 0 ? 'pipeline' : words.join('-');
}
