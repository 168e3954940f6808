import type { z } from 'zod';
import {
  documentSchema,
  edgeSchema,
  nodeSchema,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../shared/document';
import { getIn, replaceEdge, replaceNodes, setIn, type PathKey } from './edit';

/** An edit either yields the next document or says, in the schema's words, what is wrong. */
export type EditResult = { ok: true; document: PipelineDocument } | { ok: false; message: string };

const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);

/** The schema's message for the issue closest to the edited field. */
function messageFor(issues: readonly z.core.$ZodIssue[], path: readonly PathKey[]): string {
  const key = path.join('.');
  const exact = issues.find((i) => i.path.join('.') === key);
  const inside = issues.find(
    (i) => key.startsWith(i.path.join('.')) || i.path.join('.').startsWith(key),
  );
  const issue = exact ?? inside ?? issues[0];
  if (!issue) return 'Invalid value';
  if (issue.code === 'unrecognized_keys') return `Unknown field ${issue.keys.join(', ')}`;
  return sentence(issue.message);
}

/**
 * Sets `path` (relative to a node, e.g. ['config', 'concurrency']) to `value` on every node in
 * `nodeIds`, validating each changed node with the document schema.
 */
export function editNodes(
  doc: PipelineDocument,
  nodeIds: readonly string[],
  path: readonly PathKey[],
  value: unknown,
): EditResult {
  const wanted = new Set(nodeIds);
  const updates = new Map<string, PipelineNode>();
  for (const node of doc.nodes) {
    if (!wanted.has(node.id) || Object.is(getIn(node, path), value)) continue;
    const next = setIn(node, path, value);
    const parsed = nodeSchema.safeParse(next);
    if (!parsed.success) return { ok: false, message: messageFor(parsed.error.issues, path) };
    updates.set(node.id, next);
  }
  return { ok: true, document: replaceNodes(doc, updates) };
}

/** Sets `path` (relative to the edge) on one edge, validated with the edge schema. */
export function editEdge(
  doc: PipelineDocument,
  edgeId: string,
  path: readonly PathKey[],
  value: unknown,
): EditResult {
  const edge = doc.edges.find((e) => e.id === edgeId);
  if (!edge) return { ok: false, message: 'That edge no longer exists' };
  if (Object.is(getIn(edge, path), value)) return { ok: true, document: doc };
  const next: PipelineEdge = setIn(edge, path, value);
  const parsed = edgeSchema.safeParse(next);
  if (!parsed.success) return { ok: false, message: messageFor(parsed.error.issues, path) };
  return { ok: true, document: replaceEdge(doc, next) };
}

type TopKey = 'name' | 'description' | 'settings';

/** Sets a document-level field (name, description, settings.*), validating only that part. */
export function editDocument(
  doc: PipelineDocument,
  path: readonly [TopKey, ...PathKey[]],
  value: unknown,
): EditResult {
  if (Object.is(getIn(doc, path), value)) return { ok: true, document: doc };
  const next = setIn(doc, path, value);
  const top = path[0];
  const schema = documentSchema.shape[top];
  const parsed = schema.safeParse(next[top]);
  if (!parsed.success)
    return { ok: false, message: messageFor(parsed.error.issues, path.slice(1)) };
  return { ok: true, document: next };
}
