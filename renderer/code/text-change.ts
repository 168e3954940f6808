/**
 * The smallest single replacement that turns one text into another: what the code viewer
 * dispatches when the project is regenerated, so CodeMirror keeps the scroll position and the
 * selection, and can mark the lines that changed.
 */
export interface TextChange {
  from: number;
  /** End of the replaced range in the old text. */
  to: number;
  insert: string;
}

export function textChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/**
 * 1-based numbers of the lines of the new text that a change really altered: within the replaced
 * range, the lines the old range did not have (a changed number in a comment below an edited
 * option does not mark the untouched lines between them).
 */
export function changedLines(before: string, after: string, change: TextChange): number[] {
  const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = (text: string, offset: number) => {
    const end = text.indexOf('\n', offset);
    return end < 0 ? text.length : end;
  };
  const oldFrom = lineStart(before, change.from);
  const oldLines = before.slice(oldFrom, lineEnd(before, change.to)).split('\n');
  const newTo = change.from + change.insert.length;
  const newFrom = lineStart(after, change.from);
  const newLines = after.slice(newFrom, lineEnd(after, newTo)).split('\n');
  const firstLine = after.slice(0, newFrom).split('\n').length;
  const remaining = new Map<string, number>();
  for (const line of oldLines) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const changed: number[] = [];
  newLines.forEach((line, i) => {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else changed.push(firstLine + i);
  });
  return changed;
}
