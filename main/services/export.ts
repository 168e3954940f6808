import { plural } from '../../shared/plural';
import { randomBytes } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  type GeneratedFile,
  type Manifest,
} from '../../shared/codegen';
import { unsafeProjectPath, zipProject as zipProjectFiles } from '../../shared/codegen/zip';
import { describeFsError } from './document-file';

/**
 * Writes a generated project into a folder. Handlers (the user's code) are written once and
 * never overwritten; every other file is regenerated. Nothing is written outside the folder: each
 * path is checked against it, through symbolic links too, before the first byte is written, and
 * each file is written atomically (a temporary file, flushed, then renamed into place).
 */

/** What export did with one file. */
export type ExportStatus = 'written' | 'changed' | 'unchanged' | 'kept';

export interface ExportedFile {
  path: string;
  kind: GeneratedFile['kind'];
  /**
   * `written`: it did not exist; `changed`: regenerated over different contents; `unchanged`:
   * already identical; `kept`: a handler that exists and differs, left as the user wrote it.
   */
  status: ExportStatus;
}

export interface ExportReport {
  folder: string;
  files: ExportedFile[];
  /** Files an earlier export wrote that this project no longer has; left in place. */
  stale: string[];
  /**
   * Files that were there with other contents and were replaced (never handlers), and among
   * them those no earlier export had written (`--force` into a folder of other files).
   */
  replaced: string[];
  foreign: string[];
}

/** An export that cannot happen, with what to do about it. Nothing was written. */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportError';
  }
}

export interface FolderState {
  exists: boolean;
  empty: boolean;
  /** The manifest of an earlier Pipewright export, when the folder has one. */
  manifest: Manifest | null;
}

/** What is in a folder: nothing, an earlier Pipewright export, or something else. */
export async function inspectFolder(folder: string): Promise<FolderState> {
  let entries: string[];
  try {
    const stat = await fs.stat(folder);
    if (!stat.isDirectory()) throw new ExportError(`${folder} is a file, not a folder`);
    entries = await fs.readdir(folder);
  } catch (error) {
    if (error instanceof ExportError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { exists: false, empty: true, manifest: null };
    }
    throw new ExportError(`cannot read ${folder}: ${describeFsError(error)}`);
  }
  return { exists: true, empty: entries.length === 0, manifest: await readManifest(folder) };
}

async function readManifest(folder: string): Promise<Manifest | null> {
  try {
    const value = JSON.parse(await fs.readFile(join(folder, MANIFEST_PATH), 'utf8')) as unknown;
    const manifest = value as Partial<Manifest> | null;
    if (
      manifest?.generator === 'pipewright' &&
      manifest.format === MANIFEST_FORMAT &&
      Array.isArray(manifest.files) &&
      manifest.files.every((f) => typeof f === 'string')
    ) {
      return manifest as Manifest;
    }
  } catch {
    // No manifest, or not ours: the folder is not an earlier export.
  }
  return null;
}

/** Why a relative path may not be written, or null when it is a plain path inside the folder. */
const inside = (root: string, target: string) => {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
};

/**
 * Checks that every folder on the way to `target` is a real folder inside `root` (a symbolic
 * link is followed and must stay inside) or does not exist yet; creates the missing ones only
 * when `create` is set, so a first pass can check everything before anything is written.
 */
async function checkFolders(root: string, target: string, create: boolean): Promise<void> {
  const parts = relative(root, dirname(target))
    .split(sep)
    .filter((p) => p !== '');
  let current = root;
  for (const part of parts) {
    current = join(current, part);
    let stat;
    try {
      stat = await fs.lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (!create) return; // nothing below a missing folder can be in the way
      await fs.mkdir(current);
      continue;
    }
    if (stat.isSymbolicLink()) {
      const real = await fs.realpath(current);
      if (!inside(root, real)) {
        throw new ExportError(`${current} is a symbolic link out of the folder; remove it first`);
      }
      if (!(await fs.stat(real)).isDirectory()) {
        throw new ExportError(`${current} is not a folder; move it away first`);
      }
    } else if (!stat.isDirectory()) {
      throw new ExportError(`${current} is a file where a folder is needed; move it away first`);
    }
  }
}

/** The current contents of a file, or null when it does not exist. Refuses links and folders. */
async function readExisting(target: string): Promise<string | null> {
  let stat;
  try {
    stat = await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (stat.isSymbolicLink()) {
    throw new ExportError(`${target} is a symbolic link; remove it so it can be written`);
  }
  if (!stat.isFile()) throw new ExportError(`${target} is not a file; move it away first`);
  return fs.readFile(target, 'utf8');
}

/** Writes a file atomically: a temporary file beside it, flushed to disk, renamed over it. */
export async function writeFileAtomic(target: string, contents: string): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(
    temp,
    fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY,
  );
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.sync();
    await handle.close();
    await fs.rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
}

export interface ExportOptions {
  /**
   * Write into a folder that holds other files and no earlier export. Handlers are never
   * overwritten, with or without it.
   */
  force?: boolean;
}

/** Writes `files` into `folder` (created if missing) and reports what happened to each. */
export async function exportProject(
  folder: string,
  files: readonly GeneratedFile[],
  options: ExportOptions = {},
): Promise<ExportReport> {
  const root = resolve(folder);
  for (const file of files) {
    const problem = unsafeProjectPath(file.path);
    if (problem)
      throw new ExportError(`refusing to write ${JSON.stringify(file.path)}: it ${problem}`);
  }
  const state = await inspectFolder(root);
  if (!state.empty && !state.manifest && !options.force) {
    throw new ExportError(
      `${root} is not empty and holds no earlier Pipewright export (${MANIFEST_PATH}); ` +
        'choose an empty folder, or force it (`pipewright generate --force`); handlers are never overwritten either way',
    );
  }
  try {
    await fs.mkdir(root, { recursive: true });
  } catch (error) {
    throw new ExportError(`cannot create ${root}: ${describeFsError(error)}`);
  }
  const realRoot = await fs.realpath(root);

  // First every target is checked and read, then the files are written: a refusal (a link, a
  // file where a folder belongs) leaves the folder exactly as it was.
  const planned: Array<{ file: GeneratedFile; target: string; status: ExportStatus }> = [];
  try {
    for (const file of files) {
      const target = join(realRoot, ...file.path.split('/'));
      if (!inside(realRoot, target))
        throw new ExportError(`refusing to write ${file.path}: outside`);
      await checkFolders(realRoot, target, false);
      const existing = await readExisting(target);
      const status: ExportStatus =
        existing === file.contents
          ? 'unchanged'
          : existing !== null && file.kind === 'handler'
            ? 'kept'
            : existing === null
              ? 'written'
              : 'changed';
      planned.push({ file, target, status });
    }
  } catch (error) {
    if (error instanceof ExportError)
      throw new ExportError(`${error.message}; nothing was written`);
    throw new ExportError(
      `cannot export to ${root}: ${describeFsError(error)}; nothing was written`,
    );
  }
  let done = 0;
  try {
    for (const { file, target, status } of planned) {
      if (status !== 'written' && status !== 'changed') continue;
      await checkFolders(realRoot, target, true);
      await writeFileAtomic(target, file.contents);
      done++;
    }
  } catch (error) {
    if (error instanceof ExportError) throw error;
    throw new ExportError(
      `export to ${root} stopped after writing ${plural(done, 'file')}: ${describeFsError(error)}`,
    );
  }
  const report: ExportedFile[] = planned.map(({ file, status }) => ({
    path: file.path,
    kind: file.kind,
    status,
  }));
  const now = new Set(files.map((f) => f.path));
  const earlier = new Set(state.manifest?.files ?? []);
  const stale = [...earlier].filter((path) => !now.has(path)).sort();
  // The manifest is bookkeeping, rewritten by every export that changes anything.
  const replaced = report
    .filter((f) => f.status === 'changed' && f.path !== MANIFEST_PATH)
    .map((f) => f.path);
  const foreign = replaced.filter((path) => !earlier.has(path));
  return { folder: realRoot, files: report, stale, replaced, foreign };
}

/** The project as a .zip archive (for the web app's download), its files under `root/`. */
export function zipProject(files: readonly GeneratedFile[], root = 'pipeline'): Uint8Array {
  try {
    return zipProjectFiles(files, root);
  } catch (error) {
    throw new ExportError((error as Error).message);
  }
}
