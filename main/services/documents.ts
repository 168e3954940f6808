import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { ExampleInfo, OpenedDocument, RecentFile } from '../../shared/api/contract';
import {
  FORMAT,
  MAX_DOCUMENT_BYTES,
  parseDocumentValue,
  serializeDocument,
  type PipelineDocument,
} from '../../shared/document';
import { apiError, fsApiError, invalidDocument } from './api-errors';
import { formatMegabytes } from '../../shared/metrics/format';
import { realFs, writeFileAtomic, type AtomicFs } from './atomic-write';
import { readDocumentFile } from './document-file';
import { listExamples } from './examples';
import { DOCUMENT_SUFFIX, resolveUserPath } from './paths';
import type { SettingsStore } from './settings';

export interface DocumentService {
  listExamples(): Promise<ExampleInfo[]>;
  create(exampleId?: string): Promise<OpenedDocument>;
  open(path: string): Promise<OpenedDocument>;
  save(path: string, document: unknown, options?: { overwrite?: boolean }): Promise<SaveResult>;
  recent(): Promise<RecentFile[]>;
  clearRecent(): Promise<RecentFile[]>;
}

export interface SaveResult {
  path: string;
  bytes: number;
}

export interface DocumentServiceOptions {
  examplesDir: string;
  settings: SettingsStore;
  fs?: AtomicFs;
  warn?: (message: string) => void;
}

export const emptyDocument = (): PipelineDocument => ({
  format: FORMAT,
  name: 'Untitled pipeline',
  nodes: [],
  edges: [],
});

export function createDocumentService(options: DocumentServiceOptions): DocumentService {
  const { examplesDir, settings, fs: writeFs = realFs, warn = () => undefined } = options;

  const userPath = (path: string): string => {
    const resolved = resolveUserPath(path);
    if (!resolved) {
      throw apiError(
        'invalid-request',
        `"${path}" is not an absolute path; give the full path, e.g. /home/me/pipelines/emails${DOCUMENT_SUFFIX}`,
      );
    }
    return resolved;
  };

  return {
    listExamples: () => listExamples(examplesDir, warn),

    async create(exampleId) {
      if (exampleId === undefined) return { path: null, document: emptyDocument() };
      const examples = await listExamples(examplesDir, warn);
      const example = examples.find((e) => e.id === exampleId);
      if (!example) {
        const known = examples.map((e) => e.id).join(', ') || 'none';
        throw apiError('not-found', `no example "${exampleId}"; the examples are: ${known}`);
      }
      return { path: null, document: example.document };
    },

    async open(rawPath) {
      const path = userPath(rawPath);
      const result = await readDocumentFile(path);
      if (!result.ok) {
        const [first] = result.errors;
        if (result.unreadable) {
          const code = first?.message === 'no such file' ? 'not-found' : 'io';
          throw apiError(code, `could not open ${path}: ${first?.message}`);
        }
        throw invalidDocument(result.errors, path);
      }
      await rememberRecent(path, result.document.name);
      return { path, document: result.document };
    },

    async save(rawPath, value, { overwrite = true } = {}) {
      const path = userPath(rawPath);
      if (!path.toLowerCase().endsWith(DOCUMENT_SUFFIX)) {
        throw apiError(
          'invalid-request',
          `cannot save to ${path}: a pipeline file name must end with ${DOCUMENT_SUFFIX}`,
        );
      }
      const parsed = parseDocumentValue(value);
      if (!parsed.ok) throw invalidDocument(parsed.errors);
      const text = serializeDocument(parsed.document);
      const bytes = Buffer.byteLength(text);
      if (bytes > MAX_DOCUMENT_BYTES) {
        throw apiError(
          'too-large',
          `the document would be ${formatMegabytes(bytes)}; a pipeline document is at most ${formatMegabytes(MAX_DOCUMENT_BYTES)}`,
        );
      }
      const existing = await fs.stat(path).catch(() => null);
      if (existing?.isDirectory()) {
        throw apiError('io', `cannot save to ${path}: it is a folder`);
      }
      if (existing && !overwrite) {
        throw apiError(
          'already-exists',
          `${path} already exists; choose another name or confirm replacing it`,
        );
      }
      const folder = await fs.stat(dirname(path)).catch(() => null);
      if (!folder?.isDirectory()) {
        throw apiError(
          'not-found',
          `cannot save to ${path}: the folder ${dirname(path)} does not exist`,
        );
      }
      try {
        await writeFileAtomic(path, text, writeFs);
      } catch (error) {
        throw fsApiError('save', path, error);
      }
      await rememberRecent(path, parsed.document.name);
      return { path, bytes };
    },

    recent: async () => (await settings.get()).recentFiles,
    clearRecent: () => settings.clearRecent(),
  };

  /** A failure to update the recent list must not fail the open or save that caused it. */
  async function rememberRecent(path: string, name: string): Promise<void> {
    try {
      await settings.addRecent(path, name);
    } catch (error) {
      warn(`Could not update the recent files list: ${(error as Error).message}`);
    }
  }
}
