import { zipSync, type Zippable } from 'fflate';
import type { GeneratedFile } from './index';

/**
 * Why a generated file's path could escape or confuse the output folder, or null when it is a
 * plain relative path. Both the host's export and the archives check paths with this.
 */
export function unsafeProjectPath(path: string): string | null {
  if (path === '' || path.includes('\0')) return 'is empty or holds a NUL character';
  if (path.includes('\\')) return 'holds a backslash';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute';
  if (path.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    return 'has an empty, "." or ".." segment';
  }
  return null;
}

/**
 * A fixed date for archive entries: 1 January 2000, 00:00 local time, because .zip entries store
 * local dates and fflate reads the local fields, so every time zone writes the same bytes.
 */
const ZIP_DATE = new Date(2000, 0, 1);

/**
 * The project as a .zip archive, its files under `root/`: built by the host or in the browser.
 * The same files give the same bytes. Throws on a path that is not a plain relative one.
 */
export function zipProject(files: readonly GeneratedFile[], root = 'pipeline'): Uint8Array {
  if (unsafeProjectPath(root) || root.includes('/')) {
    throw new Error(`cannot use ${JSON.stringify(root)} as the archive's folder`);
  }
  const entries: Zippable = {};
  const encoder = new TextEncoder();
  for (const file of files) {
    const reason = unsafeProjectPath(file.path);
    if (reason) throw new Error(`refusing to archive ${JSON.stringify(file.path)}: it ${reason}`);
    entries[`${root}/${file.path}`] = [encoder.encode(file.contents), { mtime: ZIP_DATE }];
  }
  return zipSync(entries, { level: 6 });
}
