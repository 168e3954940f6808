import { describe, expect, it } from 'vitest';
import { flowCycle } from '../../../../../shared/validation/rules/flow-cycle';
import { edge, run } from '../build';
import { reportFlow } from '../flow-fixtures';

describe('flow-cycle', () => {
  it('accepts a flow whose parent goes on in a chain', () => {
    expect(run(flowCycle, reportFlow())).toEqual([]);
  });

  it('refuses children that fan out into their own queue again (nesting without end)', () => {
    const doc = reportFlow(
      {},
      {
        edges: [
          edge('render', 'parts', { on: 'children' }),
          edge('render', 'assemble', { on: 'parent' }),
        ],
      },
    );
    const found = run(flowCycle, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'flow-cycle',
      severity: 'error',
      edgeId: 'render->parts',
    });
    expect(found[0]!.message).toBe(
      'queues "parts" → "parts" form a cycle through the flow of children edge "render" → "parts": every job there fans out or continues again, so the flow never ends',
    );
    expect(found[0]!.hint).toContain('break the cycle');
  });

  it('refuses a parent that comes back for sure to the queue that fans out', () => {
    const found = run(flowCycle, reportFlow({}, { edges: [edge('merge', 'reports')] }));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'queues "reports" → "assemble" → "reports" form a cycle through the flow of parent edge "split" → "assemble": every job there fans out or continues again, so the flow never ends',
    );
  });

  it('accepts the same loop when the way back is taken with a probability below 1', () => {
    expect(
      run(flowCycle, reportFlow({}, { edges: [edge('merge', 'reports', { probability: 0.3 })] })),
    ).toEqual([]);
  });
});
