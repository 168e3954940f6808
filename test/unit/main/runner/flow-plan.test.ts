import { describe, expect, it } from 'vitest';
import { connectionsNeeded } from '../../../../main/runner/connections';
import { childCount, parentQueues } from '../../../../main/runner/flow-plan';
import { planRun } from '../../../../main/runner/plan';
import { reportFlow } from '../../shared/validation/flow-fixtures';

/** The runner's reading of a flow (docs/architecture.md "Flows"). */

const edge = { edgeId: 'fan', queueId: 'parts', min: 2, max: 5, options: {} };

describe('the runner plans flows', () => {
  it('draws children counts uniformly over min..max, the same for the same job', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const n = childCount(`p.0.${i}`, edge);
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5]);
    // 1000 expected per value; 4 standard deviations is ±126.
    for (const seen of counts.values()) expect(Math.abs(seen - 1000)).toBeLessThan(126);
    expect(childCount('p.0.7', edge)).toBe(childCount('p.0.7', edge));
    expect(childCount('p.0.7', { ...edge, min: 3, max: 3 })).toBe(3);
  });

  it('samples waiting-children for parent queues only, and counts no connection for flows', () => {
    const plan = planRun(reportFlow());
    if (!plan.ok) throw new Error(plan.errors.join('; '));
    expect(parentQueues(plan.plan.workers.values())).toEqual(new Set(['assemble']));
    const need = connectionsNeeded(plan.plan);
    // One per replica (3), one per worker for commands (3), one for queues and the flow producer.
    expect(need.total).toBe(7);
    expect(need.parts.at(-1)).toBe('1 shared by the queues, producers and the flow producer');
  });
});
