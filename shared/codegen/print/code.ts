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

/** Marks a placeholder: a private-use character no template holds. */
const MARK = '\ue000';
const ONLY_PLACEHOLDER = /^ *\ue000(\d+)\ue000$/;
const PLACEHOLDER = /\ue000(\d+)\ue000/g;
const INDENT = /^ */;

export function code(strings: TemplateStringsArray, ...values: Chunk[]): string {
  const rendered = values.map((value) => lines(value));
  let text = strings[0]!;
  for (let i = 1; i < strings.length; i++) text += `${MARK}${i - 1}${MARK}${strings[i]!}`;
  const rows = text.split('\n');
  if (rows[0]?.trim() === '') rows.shift();
  if (rows.length > 0 && rows[rows.length - 1]!.trim() === '') rows.pop();
  let common = Infinity;
  for (const row of rows) {
    if (row.trim() !== '') common = Math.min(common, INDENT.exec(row)![0].length);
  }
  if (common === Infinity) common = 0;
  const out: string[] = [];
  for (const raw of rows) {
    const row = raw.slice(common);
    if (!row.includes(MARK)) {
      out.push(row);
      continue;
    }
    const only = ONLY_PLACEHOLDER.exec(row);
    if (only && rendered[Number(only[1])] === '') continue;
    const indent = INDENT.exec(row)![0];
    out.push(
      row.replace(PLACEHOLDER, (_m, index: string) => {
        const value = rendered[Number(index)]!;
        return value.includes('\n') ? value.replace(/\n(?!\n)/g, `\n${indent}`) : value;
      }),
    );
  }
  return out.join('\n');
}

/** A whole file: trailing spaces trimmed, at most one blank line in a row, one final newline. */
export function file(text: string): string {
  const out: string[] = [];
  let blank = true; // drops blank lines at the start
  for (const raw of text.split('\n')) {
    const row = raw.trimEnd();
    if (row === '') {
      if (!blank) out.push('');
      blank = true;
    } else {
      out.push(row);
      blank = false;
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
