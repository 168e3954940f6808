/**
 * Literals printed the way Prettier prints them (singleQuote), so generated files come out
 * already formatted. Anything a user typed is escaped here before it reaches a file.
 */

/**
 * Characters that are legal in a string but dangerous or invisible in source: line and paragraph
 * separators (line terminators in JS, YAML 1.1), C1 controls, bidirectional overrides ("Trojan
 * Source"), zero-width characters and the BOM. They are written as \u escapes.
 */
const INVISIBLE = /[\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

const unicodeEscape = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON string content (no quotes) with the invisible characters escaped too. */
function escapedContent(value: string): string {
  return JSON.stringify(value).slice(1, -1).replace(INVISIBLE, unicodeEscape);
}

/** Prettier's choice of quote: single, unless the text holds more single than double quotes. */
function preferredQuote(content: string): "'" | '"' {
  const singles = (content.match(/'/g) ?? []).length;
  const doubles = (content.match(/"/g) ?? []).length;
  return singles > doubles ? '"' : "'";
}

/** Prettier's makeString: re-quote raw string content with `quote`, keeping needed escapes. */
function makeString(content: string, quote: "'" | '"'): string {
  const other = quote === '"' ? "'" : '"';
  const body = content.replace(/\\(.)|(["'])/gsu, (match, escaped?: string, bare?: string) => {
    if (escaped === other) return escaped;
    if (bare === quote) return `\\${bare}`;
    if (bare) return bare;
    return /^[^\n\r"'0-7\\bfnrt-vx\u2028\u2029]$/.test(escaped!) ? escaped! : `\\${escaped!}`;
  });
  return quote + body + quote;
}

/** A TypeScript string literal for any string, as Prettier would print it. */
export function tsString(value: string): string {
  const content = escapedContent(value);
  return makeString(content, preferredQuote(content));
}

/** A number literal as Prettier prints it (lower case, no `+` in exponents, no trailing zeros). */
export function tsNumber(value: number): string {
  if (Object.is(value, -0)) return '0';
  return String(value)
    .toLowerCase()
    .replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, '$1$2$3')
    .replace(/^([+-]?[\d.]+)e[+-]?0+$/, '$1')
    .replace(/^([+-])?\./, '$10.')
    .replace(/(\.\d+?)0+(?=e|$)/, '$1')
    .replace(/\.(?=e|$)/, '');
}

/** A key that is an ASCII identifier name, which Prettier (quoteProps "as-needed") leaves bare. */
const ASCII_IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * A key made of Unicode letters: Prettier unquotes it when its (ES5) tables call it an identifier,
 * which this module cannot tell for every character, so a file holding one goes through Prettier.
 */
const UNICODE_IDENTIFIER = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]*$/u;

/** A property key: bare when it is an ASCII identifier name, otherwise a string literal. */
export function tsPropertyKey(key: string): string {
  return ASCII_IDENTIFIER.test(key) ? key : tsString(key);
}

/** Whether Prettier might print a key differently from `tsPropertyKey` (see UNICODE_IDENTIFIER). */
export const keyNeedsPrettier = (key: string) =>
  !ASCII_IDENTIFIER.test(key) && UNICODE_IDENTIFIER.test(key);

/**
 * A user's name, quoted and escaped for reading inside a comment, Markdown or YAML: one line,
 * JSON escapes, no invisible characters and nothing that could close a block comment.
 */
export function displayName(value: string): string {
  return `"${escapedContent(value)}"`.replace(/\*\//g, '*\\/');
}

/**
 * Characters Prettier counts one column wide: printable Latin, Greek, Cyrillic and the like, and
 * typographic punctuation (dashes, quotes, …), but not combining marks (0 columns) nor ©, ®, ‼
 * and ⁉ (2: its emoji pattern takes them).
 */
const NARROW =
  /^[\t\x20-\x7e\xa0-\xa8\xaa-\xad\xaf-\u02ff\u0370-\u10ff\u2010-\u2027\u2030-\u203b\u203d-\u2048\u204a-\u205e]*$/;

/** Whether a line's width is certainly its length, as Prettier counts. */
export const isNarrow = (line: string) => NARROW.test(line);

/** How many columns a line takes, never less than Prettier counts (wide characters count 2). */
export function lineWidth(line: string): number {
  if (NARROW.test(line)) return line.length;
  let width = 0;
  for (const char of line) {
    const code = char.codePointAt(0)!;
    width += code >= 0x1100 || code === 0xa9 || code === 0xae ? 2 : 1;
  }
  return width;
}
