import type { NodeKind, PipelineDocument } from '../../shared/document';
import { edgeOn } from '../../shared/document';

export type EdgeOn = 'completed' | 'failed';

export type ConnectionCheck = { ok: true } | { ok: false; reason: string };

/** The only legal edge kinds (docs/architecture.md): producer→queue, queue→worker, worker→queue. */
export const LEGAL_TARGET: Record<NodeKind, NodeKind> = {
  producer: 'queue',
  queue: 'worker',
  worker: 'queue',
};

const WHY_NOT: Record<NodeKind, Partial<Record<NodeKind, string>>> = {
  producer: {
    producer: 'A producer adds jobs to queues only: connect it to a queue.',
    worker: 'A producer adds jobs to a queue, not to a worker: put a queue between them.',
  },
  queue: {
    producer: 'Nothing feeds a producer: it creates jobs itself.',
    queue:
      'Jobs leave a queue through a worker: connect the queue to a worker, then the worker to the next queue.',
  },
  worker: {
    producer: 'Nothing feeds a producer: it creates jobs itself.',
    worker: 'A worker passes jobs on through a queue: put a queue between the two workers.',
  },
};

/** Whether an edge from → to may be drawn, and if not, a sentence saying why and what to do. */
export function checkConnection(
  doc: PipelineDocument,
  fromId: string,
  toId: string,
  on: EdgeOn = 'completed',
): ConnectionCheck {
  const from = doc.nodes.find((n) => n.id === fromId);
  const to = doc.nodes.find((n) => n.id === toId);
  if (!from || !to) return { ok: false, reason: 'Connect two nodes of this pipeline.' };
  if (from.id === to.id) return { ok: false, reason: 'A node cannot connect to itself.' };
  if (LEGAL_TARGET[from.kind] !== to.kind) {
    return { ok: false, reason: WHY_NOT[from.kind][to.kind] ?? 'These two cannot be connected.' };
  }
  if (on === 'failed' && from.kind !== 'worker') {
    return { ok: false, reason: 'Only a worker has a "failed" output.' };
  }
  if (doc.edges.some((e) => e.from === fromId && e.to === toId && edgeOn(e) === on)) {
    return { ok: false, reason: `"${from.name}" is already connected to "${to.name}".` };
  }
  if (to.kind === 'worker') {
    const input = doc.edges.find((e) => e.to === toId);
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
