import { formatMegabytes } from '../../shared/metrics/format';
import { constants, promises as fs, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import {
  MAX_DOCUMENT_BYTES,
  parseDocumentBytes,
  type DocumentError,
  type PipelineDocument,
} from '../../shared/document';
import { removeStaleTempFiles } from './atomic-write';

export type ReadDocumentResult =
  | { ok: true; document: PipelineDocument; text: string }
  /**
   * `unreadable`: the file could not be read at all (missing, a folder, a device or pipe, too
   * large, no access).
   * `json`: it was read and is JSON, so the errors are about its contents (not a valid pipeline),
   * as opposed to a file that is not JSON at all.
   */
  | { ok: false; unreadable: boolean; json: boolean; errors: DocumentError[] };

const tooLarge = (bytes: number) =>
  `file is ${formatMegabytes(bytes)}; a pipeline document is at most ${formatMegabytes(MAX_DOCUMENT_BYTES)}`;

/** What a path that is not a regular file is, for the message. */
function notRegular(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return 'is a folder, not a pipeline file';
  const what = stat.isFIFO()
    ? 'a named pipe (FIFO)'
    : stat.isCharacterDevice() || stat.isBlockDevice()
      ? 'a device'
      : stat.isSocket()
        ? 'a socket'
        : 'not a regular file';
  return `is ${what}, not a regular file; give the path of a .pipewright.json file`;
}

// Without it, opening a FIFO waits for a writer for ever. Windows has no FIFOs (and no flag).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads and parses a pipeline file; never throws. Only regular files are read (see
 * `readRegularFile`).
 */
export async function readDocumentFile(path: string): Promise<ReadDocumentResult> {
  // Opening a document tidies its folder of temp files that interrupted saves left there.
  await removeStaleTempFiles(dirname(path));
  const read = await readRegularFile(path);
  if (!read.ok) {
    return {
      ok: false,
      unreadable: true,
      json: false,
      errors: [{ path: '', message: read.message }],
    };
  }
  const bytes = read.bytes;
  const parsed = parseDocumentBytes(bytes);
  if (!parsed.ok) {
    return { ok: false, unreadable: false, json: isJson(bytes), errors: parsed.errors };
  }
  return { ok: true, document: parsed.document, text: bytes.toString('utf8') };
}

/** Up to `limit` bytes from the start of the file (a file may grow after its stat). */
async function readAtMost(handle: fs.FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(Math.min(limit, 64 * 1024));
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, limit - total));
    if (bytesRead === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Whether a file that failed to parse as a pipeline was JSON at all (asked only on failure). */
function isJson(bytes: Uint8Array): boolean {
  try {
    // Bytes that are not UTF-8 are not JSON text (RFC 8259), whatever a lenient decoder makes of them.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) return false;
    JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'EROFS':
      return 'the folder is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Reads a file of at most a document's size; never throws. Only regular files are read (a device
 * such as /dev/zero or a FIFO is refused before it is opened, and checked again on the opened
 * handle in case the path changed in between), and never more than the size limit, whatever stat
 * said. A scenario file (`simulate --scenario`) is read the same way.
 */
export async function readRegularFile(
  path: string,
): Promise<{ ok: true; bytes: Buffer } | { ok: false; message: string }> {
  try {
    const refused = notRegular(await fs.stat(path));
    if (refused) return { ok: false, message: refused };
    const handle = await fs.open(path, OPEN_FLAGS);
    try {
      const stat = await handle.stat();
      const refusedNow = notRegular(stat);
      if (refusedNow) return { ok: false, message: refusedNow };
      if (stat.size > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge(stat.size) };
      const bytes = await readAtMost(handle, MAX_DOCUMENT_BYTES + 1);
      if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge(bytes.length) };
      return { ok: true, bytes };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { ok: false, message: describeFsError(error) };
  }
}
