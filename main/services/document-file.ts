import { promises as fs } from 'node:fs';
import {
  MAX_DOCUMENT_BYTES,
  parseDocumentText,
  type DocumentError,
  type PipelineDocument,
} from '../../shared/document';

export type ReadDocumentResult =
  | { ok: true; document: PipelineDocument; text: string }
  /**
   * `unreadable`: the file could not be read at all (missing, a folder, too large, no access).
   * `json`: it was read and is JSON, so the errors are about its contents (not a valid pipeline),
   * as opposed to a file that is not JSON at all.
   */
  | { ok: false; unreadable: boolean; json: boolean; errors: DocumentError[] };

/** Reads and parses a pipeline file; never throws, and never reads more than the size limit. */
export async function readDocumentFile(path: string): Promise<ReadDocumentResult> {
  const unreadable = (message: string): ReadDocumentResult => ({
    ok: false,
    unreadable: true,
    json: false,
    errors: [{ path: '', message }],
  });
  let text: string;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) return unreadable('is a folder, not a pipeline file');
    if (stat.size > MAX_DOCUMENT_BYTES) {
      const mb = (stat.size / 1024 / 1024).toFixed(1);
      return unreadable(
        `file is ${mb} MB; a pipeline document is at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      );
    }
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    return unreadable(describeFsError(error));
  }
  const parsed = parseDocumentText(text);
  if (!parsed.ok) {
    return { ok: false, unreadable: false, json: isJson(text), errors: parsed.errors };
  }
  return { ok: true, document: parsed.document, text };
}

/** Whether a file that failed to parse as a pipeline was JSON at all (asked only on failure). */
function isJson(text: string): boolean {
  if (text.includes('\u0000')) return false;
  try {
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
