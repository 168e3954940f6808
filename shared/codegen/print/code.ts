/**
 * A tagged template for generated source. The template is dedented; an inserted multi-line value
 * is indented like the line it sits on; a line holding only an empty value disappears. `file()`
 * then normalises blank lines the way Prettier does, so emitters can be written naturally.
 */

export type Chunk = string | number | false | null | undefined | readonly Chunk[];

function flatten(chunk: Chunk): string[] {
  if (chunk === false || chunk === null || chunk === undefined) return [];
  if (typeof chunk === 'string') return [chunk];
  if (typeof chunk === 'number') return [String(chunk)];
  return chunk.flatMap(flatten);
}

/** Joins chunks into one block, one chunk per line. */
export function lines(...chunks: Chunk[]): string {
  return flatten(chunks).join('\n');
}

/** Joins blocks with one blank line between them, skipping empty ones. */
export function blocks(...chunks: Chunk[]): string {
  return flatten(chunks)
    .filter((block) => block !== '')
    .join('\n\n');
}

const MARK = '\u0000';

export function code(strings: TemplateStringsArray, ...values: Chunk[]): string {
  const rendered = values.map((value) => lines(value));
  let text = strings.reduce((all, part, i) => all + (i > 0 ? `${MARK}${i - 1}${MARK}` : '') + part);
  const rows = text.split('\n');
  if (rows[0]?.trim() === '') rows.shift();
  if (rows.length > 0 && rows[rows.length - 1]!.trim() === '') rows.pop();
  const indents = rows.filter((row) => row.trim() !== '').map((row) => /^ */.exec(row)![0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  const out: string[] = [];
  for (const raw of rows) {
    const row = raw.slice(common);
    const only = new RegExp(`^ *${MARK}(\\d+)${MARK}$`).exec(row);
    if (only && rendered[Number(only[1])] === '') continue;
    const indent = /^ */.exec(row)![0];
    out.push(
      row.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_m, index: string) =>
        rendered[Number(index)]!.replace(/\n(?!\n)/g, `\n${indent}`),
      ),
    );
  }
  text = out.join('\n');
  return text;
}

/** A whole file: trailing spaces trimmed, at most one blank line in a row, one final newline. */
export function file(text: string): string {
  return `${text
    .split('\n')
    .map((row) => row.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .replace(/\n*$/, '')}\n`;
}
