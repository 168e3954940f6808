import { describe, expect, it } from 'vitest';
import { flowChildrenRule } from '../../../../../shared/validation/rules/flow-children';
import { run } from '../build';
import { reportFlow } from '../flow-fixtures';

describe('flow-children', () => {
  it('accepts N ≥ 1, fixed or uniform (a uniform may draw 0)', () => {
    expect(run(flowChildrenRule, reportFlow({ children: 1 }))).toEqual([]);
    expect(
      run(flowChildrenRule, reportFlow({ children: { type: 'uniform', min: 0, max: 3 } })),
    ).toEqual([]);
    expect(run(flowChildrenRule, reportFlow({ childFailure: 'failParentOnFailure' }))).toEqual([]);
  });

  it('refuses N < 1, saying what it means and how to fix it', () => {
    const found = run(flowChildrenRule, reportFlow({ children: 0 }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'flow-children', severity: 'error', edgeId: 'fan' });
    expect(found[0]!.message).toBe(
      'children edge "split" → "parts" adds 0 children per job (N < 1): no child ever runs and the parent never waits',
    );
    expect(found[0]!.hint).toContain('1 or more');
    const uniform = run(
      flowChildrenRule,
      reportFlow({ children: { type: 'uniform', min: 0, max: 0 } }),
    );
    expect(uniform[0]!.message).toContain('adds between 0 and 0 children');
  });

  it('refuses flow fields on an edge that is not a children edge', () => {
    const doc = reportFlow();
    doc.edges = doc.edges.map((e) => (e.id === 'join' ? { ...e, children: 3 } : e));
    const found = run(flowChildrenRule, doc);
    expect(found.map((d) => d.message)).toEqual([
      'parent edge "split" → "assemble" has "children", which only a children edge uses',
    ]);
  });
});
