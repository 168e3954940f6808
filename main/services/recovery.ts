import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_DOCUMENT_BYTES,
  parseDocumentValue,
  serializeDocument,
  type PipelineDocument,
} from '../../shared/document';
import { apiError, fsApiError, invalidDocument } from './api-errors';
import { realFs, writeFileAtomic, type AtomicFs } from './atomic-write';

export const RECOVERY_FOLDER = 'recovery';
const KEY = /^[\w-]{1,64}$/;

export interface RecoveryEntry {
  key: string;
  savedAt: string;
  document: PipelineDocument;
}

export interface RecoveryStore {
  write(key: string, document: unknown): Promise<void>;
  list(): Promise<RecoveryEntry[]>;
  clear(key: string): Promise<void>;
}

/**
 * Crash-recovery copies of open documents, one file per editor key in `<userData>/recovery/`.
 * The editor writes every few seconds and clears the key after a save; whatever is left at the
 * next start is offered back to the user. Written atomically, like documents.
 */
export function createRecoveryStore(options: {
  userDataDir: string;
  fs?: AtomicFs;
  warn?: (message: string) => void;
  now?: () => Date;
}): RecoveryStore {
  const { fs: writeFs = realFs, warn = () => undefined, now = () => new Date() } = options;
  const dir = join(options.userDataDir, RECOVERY_FOLDER);
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw apiError('invalid-request', `recovery key "${key}" is not valid`);
    return join(dir, `${key}.json`);
  };

  return {
    async write(key, value) {
      const file = fileOf(key);
      const parsed = parseDocumentValue(value);
      if (!parsed.ok) throw invalidDocument(parsed.errors);
      const document = JSON.parse(serializeDocument(parsed.document)) as PipelineDocument;
      const text = JSON.stringify({ savedAt: now().toISOString(), document });
      if (text.length > MAX_DOCUMENT_BYTES * 1.1) {
        throw apiError('too-large', 'the document is too large to keep a recovery copy');
      }
      try {
        await writeFs.mkdir(dir, { recursive: true });
        await writeFileAtomic(file, text, writeFs);
      } catch (error) {
        throw fsApiError('write the recovery file', file, error);
      }
    },

    async list() {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw fsApiError('read the recovery folder', dir, error);
      }
      const entries: RecoveryEntry[] = [];
      for (const name of names) {
        const key = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
        if (!KEY.test(key)) continue;
        const entry = await readEntry(join(dir, name), key);
        if (entry) entries.push(entry);
      }
      return entries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },

    async clear(key) {
      const file = fileOf(key);
      await fs.rm(file, { force: true }).catch((error: unknown) => {
        throw fsApiError('remove the recovery file', file, error);
      });
    },
  };

  async function readEntry(file: string, key: string): Promise<RecoveryEntry | null> {
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > MAX_DOCUMENT_BYTES * 1.1) throw new Error('too large');
      const raw = JSON.parse(await fs.readFile(file, 'utf8')) as {
        savedAt?: unknown;
        document?: unknown;
      };
      const parsed = parseDocumentValue(raw.document);
      if (!parsed.ok || typeof raw.savedAt !== 'string') throw new Error('not a recovery file');
      return { key, savedAt: raw.savedAt, document: parsed.document };
    } catch (error) {
      warn(`Skipped the damaged recovery file ${file}: ${(error as Error).message}`);
      return null;
    }
  }
}
