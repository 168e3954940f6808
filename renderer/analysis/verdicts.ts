import type { RunSummary } from '../../shared/metrics/types';

export interface GrowingQueue {
  id: string;
  name: string;
  /** When the backlog crossed the growth threshold (ms since the start), if known. */
  sinceMs?: number;
}

/** The queues a summary says grow without bound, in the given node order. */
export function growingQueues(
  summary: RunSummary | null,
  order: readonly string[] = [],
): GrowingQueue[] {
  if (!summary) return [];
  const rank = new Map(order.map((id, i) => [id, i] as const));
  return Object.entries(summary.nodes)
    .flatMap(([id, node]): GrowingQueue[] =>
      node.kind === 'queue' && node.verdict === 'growing'
        ? [
            node.growingSinceMs === undefined
              ? { id, name: node.name }
              : { id, name: node.name, sinceMs: node.growingSinceMs },
          ]
        : [],
    )
    .sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity));
}
