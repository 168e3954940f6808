import { isNarrow, lineWidth } from './literals';

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
  let rowWidth = 0;
  for (const word of text.match(/\S*"(?:[^"\\]|\\.)*"\S*|\S+/g) ?? []) {
    const wordWidth = lineWidth(word);
    if (row !== '' && rowWidth + 1 + wordWidth > width) {
      rows.push(row);
      row = word;
      rowWidth = wordWidth;
    } else {
      row = row === '' ? word : `${row} ${word}`;
      rowWidth += (rowWidth === 0 ? 0 : 1) + wordWidth;
    }
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

/**
 * True for a line Prettier leaves alone however long: a comment, an import of a single name, or a
 * string literal alone on its line (which only `stringAssignment` and broken arrays write, laid
 * out as Prettier lays them out).
 */
export function isUnbreakableLine(line: string): boolean {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('//') || trimmed.startsWith('/*') || trimmed.startsWith('*')) return true;
  // An import of one name never breaks; neither does a string literal alone on its line.
  if (/^import (type )?\{ [^,]+ \} from '[^']*';$/.test(trimmed)) return true;
  return /^('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")[;,]?$/.test(trimmed);
}

/** Whether any code line is wider than Prettier allows, so Prettier would lay it out itself. */
export function hasLongCodeLine(text: string): boolean {
  return text.split('\n').some((line) => !isUnbreakableLine(line) && !fits(line));
}

/** A string assignment's layout, or the flat line marked for Prettier when it is uncertain. */
export function stringLine(
  head: string,
  operator: ' =' | ':',
  literal: string,
  end: ';' | ',',
  indent = '',
): { text: string; unsure: boolean } {
  const laid = stringAssignment(head, operator, literal, end, indent);
  const text = laid ?? `${indent}${head}${operator} ${literal}${end}`;
  return {
    text: indent === '' ? text : text.replace(new RegExp(`^${indent}`, 'gm'), ''),
    unsure: laid === null,
  };
}

/**
 * `head = 'text';` or, in an object, `key: 'text',` laid out as Prettier does when it is too
 * long: the string moves to the next line, indented (not after a key shorter than 5 columns).
 * Returns null when the width is not certain (wide characters), for Prettier to decide.
 */
export function stringAssignment(
  head: string,
  operator: ' =' | ':',
  literal: string,
  end: ';' | ',',
  indent = '',
): string | null {
  const flat = `${indent}${head}${operator} ${literal}${end}`;
  if (!isNarrow(flat)) return fits(flat) ? flat : null;
  if (fits(flat) || (operator === ':' && head.length < 5)) return flat;
  return `${indent}${head}${operator}\n${indent}  ${literal}${end}`;
}

/**
 * `key: (params) => body,` in an object (one level deep), the body on the next line when the
 * line is too long, as Prettier does; marked for Prettier when even that does not fit.
 */
export function arrowProperty(
  key: string,
  params: string,
  body: string,
): { text: string; unsure: boolean } {
  const flat = `${key}: ${params} => ${body},`;
  if (fits(`  ${flat}`)) return { text: flat, unsure: false };
  const broken = `${key}: ${params} =>\n  ${body},`;
  return { text: broken, unsure: !fits(`    ${body},`) };
}
