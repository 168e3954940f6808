import { edgeOn } from '../defaults';
import type { NodeKind, PipelineDocument } from '../schema';
import { EDGE_KINDS, ILLEGAL_PAIRS, edgeKindOf, kindsWith, type EdgeOn } from './edge-kinds';

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`;

/**
 * The kind of node a new `completed` edge from a node of this kind leads to, for the editor's
 * "add after" and drop-to-create (one per kind today; the first when there are several).
 */
export const nextKind = (kind: NodeKind): NodeKind | undefined =>
  EDGE_KINDS.find((k) => k.from === kind && k.on === 'completed')?.to;

/**
 * The kind of node a new edge into a node of this kind comes from, for dragging backwards from
 * an input (producers and workers both feed queues: a new one is a producer).
 */
export const previousKind = (kind: NodeKind): NodeKind | undefined =>
  EDGE_KINDS.find((k) => k.to === kind && k.on === 'completed')?.from;

/**
 * Whether the editor may draw an edge from → to, and if not, a sentence saying why and what to
 * do: the same legality as the validation rules (checks.ts), plus what a new edge must not
 * duplicate — an edge already drawn, a second input queue for a worker.
 */
export function checkConnection(
  doc: PipelineDocument,
  fromId: string,
  toId: string,
  on: EdgeOn = 'completed',
): ConnectionCheck {
  const from = doc.nodes.find((n) => n.id === fromId);
  const to = doc.nodes.find((n) => n.id === toId);
  if (!from || !to) return { ok: false, reason: 'Connect two nodes of this pipeline.' };
  if (from.id === to.id) {
    return {
      ok: false,
      reason: 'A node cannot connect to itself; to re-process jobs, route them through a queue.',
    };
  }
  const kind = edgeKindOf(from.kind, to.kind, on);
  if (!kind) {
    const pair = ILLEGAL_PAIRS[`${from.kind}→${to.kind}`];
    if (pair) return { ok: false, reason: sentence(`${pair.why}; ${pair.hint}`) };
    if (!kindsWith(on, 'from').includes(from.kind)) {
      return {
        ok: false,
        reason: `Only a ${kindsWith(on, 'from').join(' or ')} has a "${on}" output.`,
      };
    }
    return { ok: false, reason: 'These two cannot be connected.' };
  }
  if (doc.edges.some((e) => e.from === fromId && e.to === toId && edgeOn(e) === on)) {
    return { ok: false, reason: `"${from.name}" is already connected to "${to.name}".` };
  }
  if (kind.id === 'consume') {
    const input = doc.edges.find(
      (e) =>
        e.to === toId &&
        edgeOn(e) === 'completed' &&
        doc.nodes.some((n) => n.id === e.from && n.kind === 'queue'),
    );
    const queue = input && doc.nodes.find((n) => n.id === input.from);
    if (queue) {
      return {
        ok: false,
        reason: `"${to.name}" already takes jobs from "${queue.name}"; a worker consumes exactly one queue. Remove that edge first, or add another worker.`,
      };
    }
  }
  return { ok: true };
}
