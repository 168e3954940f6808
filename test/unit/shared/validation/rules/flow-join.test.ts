import { describe, expect, it } from 'vitest';
import { flowJoin } from '../../../../../shared/validation/rules/flow-join';
import { edge, queue, run } from '../build';
import { reportFlow } from '../flow-fixtures';

describe('flow-join', () => {
  it('accepts a fan-out with one parent edge', () => {
    expect(run(flowJoin, reportFlow())).toEqual([]);
  });

  it('refuses a fan-out without a join queue, saying how to add one', () => {
    const found = run(flowJoin, reportFlow({}, { parent: false }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'flow-join', severity: 'error', nodeId: 'split' });
    expect(found[0]!.message).toBe(
      'worker "split" fans out children onto "parts" but has no parent edge: no job waits for the children, so nothing joins them',
    );
    expect(found[0]!.hint).toContain('"on": "parent" from "split"');
  });

  it('refuses a parent edge without children', () => {
    const doc = reportFlow();
    doc.edges = doc.edges.filter((e) => e.id !== 'fan');
    const found = run(flowJoin, doc);
    expect(found.map((d) => d.message)).toEqual([
      'worker "split" has a parent edge to "assemble" but no children edge: the parent would wait for nothing',
    ]);
  });

  it('refuses two parent edges from one worker', () => {
    const doc = reportFlow(
      {},
      { nodes: [queue('other', {}, 'other')], edges: [edge('split', 'other', { on: 'parent' })] },
    );
    const found = run(flowJoin, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('has 2 parent edges (to "assemble", "other")');
    expect(found[0]!.hint).toContain('keep one parent edge');
  });

  it('refuses children or parent edges that do not go from a worker to a queue', () => {
    const doc = reportFlow(
      {},
      { edges: [{ ...edge('p', 'parts', { on: 'children' }), id: 'bad' }] },
    );
    const found = run(flowJoin, doc);
    expect(found).toEqual([
      expect.objectContaining({
        edgeId: 'bad',
        message:
          'children edge "p" → "parts" joins producer "p" to queue "parts"; a flow\'s children go from the worker that fans out to a queue',
      }),
    ]);
  });
});
