import { describe, expect, it } from 'vitest';
import { summaryFromSnapshot } from '../../../../../main/services/runs/summary';
import { emptyLatency, type QueueFigures } from '../../../../../shared/metrics';
import { reportFlow } from '../../../shared/validation/flow-fixtures';

const queue = (waitingChildren?: number): QueueFigures => ({
  kind: 'queue',
  waiting: 2,
  active: 1,
  delayed: 0,
  completed: 10,
  failed: 0,
  enqueued: 13,
  enqueuedPerSec: 4,
  paused: false,
  waitMs: emptyLatency(),
  ...(waitingChildren === undefined ? {} : { waitingChildren }),
});

describe('the summary of a run whose runner died', () => {
  it("keeps a flow parent queue's last waiting-children count, and adds none elsewhere", () => {
    const snapshot = {
      t: 3000,
      nodes: { parts: queue(), assemble: queue(5) },
      edges: {},
      endToEndMs: emptyLatency(),
    };
    const summary = summaryFromSnapshot(reportFlow(), snapshot, 3000);
    expect(summary.nodes.assemble).toMatchObject({ waitingChildren: { mean: 5, max: 5 } });
    expect(summary.nodes.parts).not.toHaveProperty('waitingChildren');
  });
});
