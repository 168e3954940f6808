import { randomBytes } from 'node:crypto';
import { promises as nodeFs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The file operations an atomic write needs; tests pass a wrapper that fails on purpose. */
export interface AtomicFs {
  open(path: string, flags: string, mode?: number): Promise<AtomicFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; isDirectory(): boolean }>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface AtomicFileHandle {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export const realFs: AtomicFs = nodeFs;

/**
 * Replaces `path` with `data` so that a reader (or a crash) sees either the old file whole or the
 * new one whole: write a temp file in the same folder, fsync it, rename it over the target, then
 * fsync the folder so the rename itself is durable. On any failure the temp file is removed and
 * the error is rethrown; the old file is untouched.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  fs: AtomicFs = realFs,
): Promise<void> {
  const dir = dirname(path);
  await removeStaleTempFiles(dir);
  const temp = join(dir, tempName(basename(path)));
  // Keep the permissions of the file we replace; a new file gets the usual 0666 & ~umask.
  const mode = await fs.stat(path).then(
    (s) => s.mode & 0o777,
    () => 0o666,
  );
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, path);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dir, fs);
}

/**
 * Temp files are named `.<name>.pipewright-tmp-<pid>-<random>`, so one an interrupted save left
 * behind (a crash, a kill -9, a power cut) can be recognised and removed later.
 */
export const tempName = (name: string, pid = process.pid): string =>
  `.${name}${TEMP_MARK}${pid}-${randomBytes(6).toString('hex')}`;

const TEMP_MARK = '.pipewright-tmp-';
const TEMP_FILE = /^\..+\.pipewright-tmp-(\d+)-[0-9a-f]+$/;
/** What versions before 0.1 wrote: no pid, so only age tells it is stale. */
const LEGACY_TEMP_FILE = /^\..+\.pipewright\.json\.[0-9a-f]{12}\.tmp$/;
/** No save takes this long: a temp file older than this is left over, whoever made it. */
export const STALE_TEMP_MS = 10 * 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files interrupted saves left in `dir`: those whose process is gone, and any
 * older than STALE_TEMP_MS (a pid may have been reused, or the file came from another machine on
 * a shared folder, whose pids mean nothing here). Best effort: it never fails a save or an open.
 * Returns the names removed.
 */
export async function removeStaleTempFiles(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await nodeFs.readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = TEMP_FILE.exec(name);
    if (!match && !LEGACY_TEMP_FILE.test(name)) continue;
    const file = join(dir, name);
    try {
      const stat = await nodeFs.lstat(file);
      if (!stat.isFile()) continue;
      const old = now - stat.mtimeMs > STALE_TEMP_MS;
      const orphaned = match !== null && !processAlive(Number(match[1]));
      if (!old && !orphaned) continue;
      await nodeFs.unlink(file);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Makes a rename durable. Not every platform can open a folder (Windows): best effort there. */
async function syncFolder(dir: string, fs: AtomicFs): Promise<void> {
  let handle: AtomicFileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // The data is already safely renamed; only durability across a power cut is weaker.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
