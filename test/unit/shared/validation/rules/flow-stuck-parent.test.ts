import { describe, expect, it } from 'vitest';
import { flowStuckParent } from '../../../../../shared/validation/rules/flow-stuck-parent';
import { run } from '../build';
import { reportFlow } from '../flow-fixtures';

/** The report flow with its children's worker failing `failureRate` of attempts. */
const failing = (failureRate: number, children = {}) => {
  const doc = reportFlow(children);
  doc.nodes = doc.nodes.map((n) =>
    n.id === 'render' && n.kind === 'worker' ? { ...n, config: { ...n.config, failureRate } } : n,
  );
  return doc;
};

describe('flow-stuck-parent', () => {
  it('accepts children that never fail, or a policy for those that do', () => {
    expect(run(flowStuckParent, reportFlow())).toEqual([]);
    expect(run(flowStuckParent, failing(0.1, { childFailure: 'failParentOnFailure' }))).toEqual([]);
  });

  it('warns that parents wait for ever when a child can fail for good, with the share', () => {
    const found = run(flowStuckParent, failing(0.1));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'flow-stuck-parent',
      severity: 'warning',
      edgeId: 'fan',
    });
    // 4 children, each failing for good 10 % of the time: 1 − 0.9⁴ = 34.39 % of parents.
    expect(found[0]!.message).toBe(
      'children on edge "split" → "parts" fail for good 10% of the time, and a parent with a failed child waits in waiting-children for ever (BullMQ\'s default): about 34% of parents never finish',
    );
    expect(found[0]!.hint).toContain('failParentOnFailure');
  });
});
