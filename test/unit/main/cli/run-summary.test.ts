import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../../../main/cli/commands/run';
import type { QueueSummary, RunSummary } from '../../../../shared/metrics';

const stat = { mean: 4, p50: 4, p95: 9, p99: 12, max: 15 };
const queue = (name: string, extra: Partial<QueueSummary> = {}): QueueSummary => ({
  kind: 'queue',
  name,
  waitMs: stat,
  waiting: { mean: 0.5, max: 3 },
  delayed: { mean: 0, max: 0 },
  enqueued: 120,
  verdict: 'stable',
  ...extra,
});

describe('pipewright run summary', () => {
  it("shows a flow parent queue's parents waiting for children, and nothing for other queues", () => {
    const summary: RunSummary = {
      format: 'pipewright-summary/v1',
      mode: 'run',
      document: 'fan-out',
      durationMs: 6000,
      nodes: {
        parts: queue('parts'),
        assemble: queue('assemble', { waitingChildren: { mean: 2.46, max: 7 } }),
      },
      endToEndMs: stat,
    };
    const lines = formatSummary(summary).split('\n');
    expect(lines.find((l) => l.startsWith('assemble'))).toBe(
      'assemble                 queue     120 enqueued, wait mean 4 ms, p95 9 ms, waiting mean 0.5 (max 3), waiting for children mean 2.5 (max 7), stable',
    );
    expect(lines.find((l) => l.startsWith('parts'))).toBe(
      'parts                    queue     120 enqueued, wait mean 4 ms, p95 9 ms, waiting mean 0.5 (max 3), stable',
    );
  });
});
