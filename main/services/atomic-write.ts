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
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
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
