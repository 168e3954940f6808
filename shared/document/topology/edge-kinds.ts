import type { NodeKind } from '../schema';

/**
 * The edges a pipeline may have: the one table of legal connections (docs/architecture.md
 * "Topology"). Everything that asks whether an edge is legal, what it carries or how the
 * editor may draw it reads this table, so a new kind of edge is one more row here (plus its
 * meaning in the engines).
 */

export type EdgeOn = 'completed' | 'failed';

export type EdgeKindId = 'enqueue' | 'consume' | 'completed' | 'failed';

export interface EdgeKind {
  readonly id: EdgeKindId;
  readonly from: NodeKind;
  readonly to: NodeKind;
  /** The edge's `on` (absent in the file means `completed`). */
  readonly on: EdgeOn;
  /** Whether the edge's `probability` decides if a job takes it (elsewhere it is ignored). */
  readonly probability: boolean;
}

export const EDGE_KINDS: readonly EdgeKind[] = [
  // Every arrival adds one job to each target queue.
  { id: 'enqueue', from: 'producer', to: 'queue', on: 'completed', probability: false },
  // The worker consumes the queue: exactly one input queue per worker.
  { id: 'consume', from: 'queue', to: 'worker', on: 'completed', probability: false },
  // A completed job adds one job to each target, each edge taken with its probability.
  { id: 'completed', from: 'worker', to: 'queue', on: 'completed', probability: true },
  // A job that failed its last attempt moves to each target (a dead-letter queue).
  { id: 'failed', from: 'worker', to: 'queue', on: 'failed', probability: true },
];

const byEnds = new Map(EDGE_KINDS.map((k) => [`${k.from}→${k.to}→${k.on}`, k] as const));

/** The kind of an edge between nodes of these kinds, or undefined when it is not legal. */
export const edgeKindOf = (from: NodeKind, to: NodeKind, on: EdgeOn): EdgeKind | undefined =>
  byEnds.get(`${from}→${to}→${on}`);

/** Node kinds that have an edge with this `on` leaving (`from`) or entering (`to`) them. */
export const kindsWith = (on: EdgeOn, side: 'from' | 'to'): NodeKind[] => [
  ...new Set(EDGE_KINDS.filter((k) => k.on === on).map((k) => k[side])),
];

/**
 * Why two kinds of node cannot be joined by a `completed` edge and how to connect them
 * instead, for every pair the table above leaves out. The validation rules and the editor both
 * word a refused edge with these.
 */
export const ILLEGAL_PAIRS: Partial<
  Record<`${NodeKind}→${NodeKind}`, { why: string; hint: string }>
> = {
  'producer→producer': {
    why: 'a producer adds jobs to queues only',
    hint: 'connect the producer to a queue instead',
  },
  'producer→worker': {
    why: 'a producer adds jobs to a queue, not to a worker',
    hint: 'put a queue between them: producer → queue → worker',
  },
  'queue→queue': {
    why: 'jobs leave a queue through a worker',
    hint: 'put a worker between them: a worker takes jobs from one queue and adds to the other',
  },
  'queue→producer': {
    why: 'nothing feeds a producer: it creates jobs itself',
    hint: 'connect the queue to a worker instead',
  },
  'worker→worker': {
    why: 'a worker passes jobs on through a queue',
    hint: 'put a queue between them: worker → queue → worker',
  },
  'worker→producer': {
    why: 'nothing feeds a producer: it creates jobs itself',
    hint: 'connect the worker to a queue instead',
  },
};

/** The legal edges in words, for messages: "producer → queue, queue → worker and worker → queue". */
export function legalEdgesInWords(): string {
  const pairs = [...new Set(EDGE_KINDS.map((k) => `${k.from} → ${k.to}`))];
  return pairs.length === 1 ? pairs[0]! : `${pairs.slice(0, -1).join(', ')} and ${pairs.at(-1)}`;
}
