import { describe, expect, it } from 'vitest';
import { editEdge } from '../../../../renderer/editing/validate-edit';
import { reportFlow } from '../../shared/validation/flow-fixtures';

/** The inspector's edits of a flow's children edge (EdgeForm), checked by the edge schema. */
describe('editing a children edge', () => {
  it('sets the count, a uniform range and the failure policy', () => {
    const doc = reportFlow({ children: { type: 'uniform', min: 2, max: 8 } });
    const max = editEdge(doc, 'fan', ['children', 'max'], 10);
    expect(max.ok && max.document.edges.find((e) => e.id === 'fan')!.children).toEqual({
      type: 'uniform',
      min: 2,
      max: 10,
    });
    const policy = editEdge(doc, 'fan', ['childFailure'], 'failParentOnFailure');
    expect(policy.ok && policy.document.edges.find((e) => e.id === 'fan')!.childFailure).toBe(
      'failParentOnFailure',
    );
    const fixed = editEdge(doc, 'fan', ['children'], 5);
    expect(fixed.ok && fixed.document.edges.find((e) => e.id === 'fan')!.children).toBe(5);
  });

  it('refuses max below min and a fractional count, saying why', () => {
    const doc = reportFlow({ children: { type: 'uniform', min: 2, max: 8 } });
    expect(editEdge(doc, 'fan', ['children', 'max'], 1)).toEqual({
      ok: false,
      message: 'Max must be >= min',
    });
    expect(editEdge(reportFlow(), 'fan', ['children'], 2.5).ok).toBe(false);
  });
});
