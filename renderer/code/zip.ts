import { zipSync, type Zippable } from 'fflate';
import type { GeneratedFile } from '../../shared/codegen';

/**
 * A fixed date for the entries (1 January 2000, local time, as .zip stores it), so the same
 * project always gives the same archive — as the host's zipProject does.
 */
const ZIP_DATE = new Date(2000, 0, 1);

/** The project as a .zip archive with its files under `root/`, built in the browser. */
export function zipFiles(files: readonly GeneratedFile[], root: string): Uint8Array {
  const encoder = new TextEncoder();
  const entries: Zippable = {};
  for (const file of files) {
    entries[`${root}/${file.path}`] = [encoder.encode(file.contents), { mtime: ZIP_DATE }];
  }
  return zipSync(entries, { level: 6 });
}

/** The project's folder name: its package.json name (the generator's slug of the pipeline name). */
export function projectName(files: readonly GeneratedFile[]): string {
  const pkg = files.find((f) => f.path === 'package.json');
  try {
    const name = (JSON.parse(pkg?.contents ?? '{}') as { name?: unknown }).name;
    if (typeof name === 'string' && /^[\w.-]{1,100}$/.test(name) && !/^\.+$/.test(name)) {
      return name;
    }
  } catch {
    // Not JSON: the default below.
  }
  return 'pipeline';
}
