/**
 * Unique names and ids for new and pasted elements: a free name is kept, a taken one gets the
 * next free numeric suffix (`emails` → `emails-2`, `emails-2` → `emails-3`).
 */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  const match = /^(.*?)-(\d+)$/.exec(wanted);
  const base = match ? match[1]! : wanted;
  let n = match ? Number(match[2]) + 1 : 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** `prefix-1`, `prefix-2`, … : the first one not taken. */
export function numbered(prefix: string, taken: ReadonlySet<string>, separator = '-'): string {
  let n = 1;
  while (taken.has(`${prefix}${separator}${n}`)) n++;
  return `${prefix}${separator}${n}`;
}

/** Ids are shown in files and code; keep them short and free of surprising characters. */
export function idFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug === '' ? 'node' : slug;
}
