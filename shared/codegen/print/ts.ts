import { lineWidth } from './literals';

/** Prettier's line width for generated code (the repository's own setting). */
export const PRINT_WIDTH = 100;

const fits = (line: string) => lineWidth(line) <= PRINT_WIDTH;

/**
 * `import { a, type B } from 'x';`, broken one specifier per line when it does not fit (a single
 * specifier never breaks), exactly as Prettier prints it.
 */
export function importDecl(specifiers: readonly string[], from: string, typeOnly = false): string {
  const head = `import ${typeOnly ? 'type ' : ''}`;
  const tail = ` from '${from}';`;
  const flat = `${head}{ ${specifiers.join(', ')} }${tail}`;
  if (specifiers.length <= 1 || fits(flat)) return flat;
  return `${head}{\n${specifiers.map((s) => `  ${s},\n`).join('')}}${tail}`;
}

/**
 * A signature `head(params)tail` (tail such as `: Promise<void> {`), its parameters one per line
 * when the line does not fit, as Prettier breaks them.
 */
export function signature(
  head: string,
  params: readonly string[],
  tail: string,
  indent = '',
): string {
  const flat = `${indent}${head}(${params.join(', ')})${tail}`;
  if (params.length === 0 || fits(flat)) return flat;
  return `${indent}${head}(\n${params.map((p) => `${indent}  ${p},\n`).join('')}${indent})${tail}`;
}

/**
 * Words wrapped greedily into lines of at most `width` columns. A long word stays whole, and so
 * does a quoted name (`"audit log"`), as `displayName` writes it.
 */
export function wrap(text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of text.match(/\S*"(?:[^"\\]|\\.)*"\S*|\S+/g) ?? []) {
    if (row !== '' && lineWidth(`${row} ${word}`) > width) {
      rows.push(row);
      row = word;
    } else row = row === '' ? word : `${row} ${word}`;
  }
  if (row !== '') rows.push(row);
  return rows;
}

/**
 * A top-level comment: the parts are joined into one paragraph (`\n\n` starts another) and
 * wrapped at the print width. `/** … *\/` on one line when it fits; `/* … *\/` when `jsdoc` is off.
 */
export function doc(...parts: string[]): string {
  return comment(parts.join(' '), true);
}

export function comment(text: string, jsdoc = false): string {
  const open = jsdoc ? '/**' : '/*';
  const one = `${open} ${text} */`;
  if (jsdoc && !text.includes('\n') && lineWidth(one) <= PRINT_WIDTH) return one;
  const rows = text
    .split(/\n\s*\n/)
    .flatMap((paragraph, i) => [...(i > 0 ? [''] : []), ...wrap(paragraph, PRINT_WIDTH - 3)]);
  return `${open}\n${rows.map((r) => (r === '' ? ' *' : ` * ${r}`)).join('\n')}\n */`;
}

/** True for a line Prettier leaves alone however long: a comment line. */
export function isCommentLine(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*');
}

/** Whether any code line is wider than Prettier allows, so Prettier would lay it out itself. */
export function hasLongCodeLine(text: string): boolean {
  return text.split('\n').some((line) => !isCommentLine(line) && !fits(line));
}
