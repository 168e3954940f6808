import { emptyLatency, type RunSnapshot } from '../../../../shared/metrics/types';

/** A snapshot at `t` with one queue holding `waiting` jobs. */
export function snapshotAt(t: number, waiting = 0): RunSnapshot {
  return {
    t,
    nodes: {
      q: {
        kind: 'queue',
        waiting,
        active: 0,
        delayed: 0,
        completed: 0,
        failed: 0,
        enqueued: 0,
        enqueuedPerSec: 0,
        paused: false,
        waitMs: emptyLatency(),
      },
    },
    edges: { e: waiting },
    endToEndMs: emptyLatency(),
  };
}

/** Snapshots every `stepMs` from `stepMs` to `count × stepMs`, the backlog equal to the index. */
export const series = (count: number, stepMs = 1000): RunSnapshot[] =>
  Array.from({ length: count }, (_, i) => snapshotAt((i + 1) * stepMs, i + 1));
