import type { z } from 'zod';
import { FORMAT, FORMAT_VERSION, documentSchema, type PipelineDocument } from './schema';
import { migrateToCurrent } from './migrations';
import { formatMegabytes } from '../metrics/format';

/** One problem found while reading a document: where (a JSON path) and what. */
export interface DocumentError {
  /** e.g. `nodes[3].config.concurrency`; empty for the whole file. */
  path: string;
  message: string;
}

export type ParseResult =
  { ok: true; document: PipelineDocument } | { ok: false; errors: DocumentError[] };

/** Larger files are refused before parsing: no real pipeline comes near it. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Deeper JSON is refused: it only ever comes from a broken or hostile file. */
export const MAX_DEPTH = 64;

const fail = (message: string, path = ''): ParseResult => ({
  ok: false,
  errors: [{ path, message }],
});

/** Reads a `*.pipewright.json` text. Never throws; every problem comes back as an error. */
export function parseDocumentText(text: string): ParseResult {
  if (text.length > MAX_DOCUMENT_BYTES) {
    return fail(
      `file is ${formatMegabytes(text.length)}; a pipeline document is at most ${formatMegabytes(MAX_DOCUMENT_BYTES)}`,
    );
  }
  // JSON never holds a raw NUL (serialize writes "\u0000"): one means a binary file. U+FFFD is an
  // ordinary character a name may hold; bytes that are not UTF-8 are caught by parseDocumentBytes.
  if (text.includes('\u0000')) {
    return fail('not a text file (it contains binary data); open a .pipewright.json file');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fail(describeJsonError(text, error));
  }
  return parseDocumentValue(raw);
}

/**
 * Reads a file's bytes: they must be UTF-8 (a byte-order mark is dropped). Decoding strictly,
 * instead of replacing bad bytes with U+FFFD and then refusing every U+FFFD, means a document
 * whose text holds U+FFFD reads back exactly as it was written.
 */
export function parseDocumentBytes(bytes: Uint8Array): ParseResult {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return fail(
      `file is ${formatMegabytes(bytes.length)}; a pipeline document is at most ${formatMegabytes(MAX_DOCUMENT_BYTES)}`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(
      'not a text file (it holds binary data, or text that is not UTF-8); open a .pipewright.json file',
    );
  }
  return parseDocumentText(text);
}

/** Validates an already-parsed JSON value as a document, migrating older formats. */
export function parseDocumentValue(raw: unknown): ParseResult {
  const depth = jsonDepth(raw, MAX_DEPTH);
  if (depth > MAX_DEPTH) {
    return fail(`JSON is nested more than ${MAX_DEPTH} levels deep; a pipeline never is`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(`not a pipeline: expected a JSON object with "format": "${FORMAT}"`);
  }
  const format = (raw as { format?: unknown }).format;
  const version = typeof format === 'string' ? /^pipewright\/v(\d+)$/.exec(format) : null;
  if (!version) {
    return fail(
      format === undefined
        ? `not a pipeline: "format" is missing (expected "${FORMAT}")`
        : // Echoed only when it is evidently ours: a foreign file's values stay unsaid.
          `not a pipeline: "format" is ${typeof format === 'string' && !format.startsWith('pipewright/') ? 'not a Pipewright format' : preview(format)} (expected "${FORMAT}")`,
      'format',
    );
  }
  const n = Number(version[1]);
  if (n > FORMAT_VERSION) {
    return fail(
      `this file is format ${format}, saved by a newer Pipewright; this version reads up to ${FORMAT}. Update Pipewright to open it`,
      'format',
    );
  }
  const migrated = migrateToCurrent(raw as Record<string, unknown>, n);
  if (!migrated.ok) return fail(migrated.error, 'format');

  const parsed = documentSchema.safeParse(migrated.value, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues) };
  const structural = checkReferences(parsed.data);
  if (structural.length > 0) return { ok: false, errors: structural };
  return { ok: true, document: parsed.data };
}

/** Ids must be unique and edges must join existing nodes; everything else is a diagnostic. */
function checkReferences(doc: PipelineDocument): DocumentError[] {
  const errors: DocumentError[] = [];
  const nodeIds = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    const first = nodeIds.get(node.id);
    if (first !== undefined) {
      errors.push({
        path: `nodes[${i}].id`,
        message: `duplicate node id ${preview(node.id)} (also nodes[${first}]); give each node its own id`,
      });
    } else nodeIds.set(node.id, i);
  });
  const edgeIds = new Map<string, number>();
  doc.edges.forEach((edge, i) => {
    const first = edgeIds.get(edge.id);
    if (first !== undefined) {
      errors.push({
        path: `edges[${i}].id`,
        message: `duplicate edge id ${preview(edge.id)} (also edges[${first}]); give each edge its own id`,
      });
    } else edgeIds.set(edge.id, i);
    for (const end of ['from', 'to'] as const) {
      if (!nodeIds.has(edge[end])) {
        errors.push({
          path: `edges[${i}].${end}`,
          message: `no node has id ${preview(edge[end])}; point the edge at an existing node or remove it`,
        });
      }
    }
  });
  return errors;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): DocumentError[] {
  const errors: DocumentError[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          path: formatPath([...issue.path, key]),
          message: 'unknown field; remove it or check its spelling',
        });
      }
      continue;
    }
    const input = (issue as { input?: unknown }).input;
    let message = issue.message;
    if (input === undefined && issue.code === 'invalid_type') message = `is missing; it ${message}`;
    else if (input !== undefined && (typeof input !== 'object' || input === null)) {
      message += `, got ${preview(input)}`;
    }
    errors.push({ path: formatPath(issue.path), message });
  }
  return errors;
}

function preview(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Depth of a JSON value, computed without recursion so hostile nesting cannot overflow. */
function jsonDepth(value: unknown, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) max = d;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (text.trim() === '') return 'the file is empty; expected a JSON pipeline document';
  const at = /position (\d+)/.exec(message);
  if (/end of JSON input|Unterminated/i.test(message) || (at && Number(at[1]) >= text.length)) {
    return 'invalid JSON: the file ends too early (is it truncated?)';
  }
  if (at) {
    const pos = Number(at[1]);
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    return `invalid JSON at line ${line}, column ${column}: ${withoutQuote(message.replace(/ in JSON at position \d+.*$/, ''))}`;
  }
  return `invalid JSON: ${withoutQuote(message)}; this is not a pipeline document`;
}

/**
 * V8 quotes the start of the text in some messages (`Unexpected token 'r', "root:x:0:0"... is
 * not valid JSON`); an error about a file must never echo its contents, so that part goes.
 */
function withoutQuote(message: string): string {
  return message
    .replace(/^Unexpected token .*$/s, 'unexpected character')
    .replace(/,? ".*"(\.\.\.)? is not valid JSON$/s, '');
}
