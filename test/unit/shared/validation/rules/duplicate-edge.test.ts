import { describe, expect, it } from 'vitest';
import { duplicateEdge } from '../../../../../shared/validation/rules/duplicate-edge';
import { chain, edge, pipeline, queue, run, worker } from '../build';

describe('duplicate-edge', () => {
  it('accepts distinct edges, and completed plus failed between the same nodes', () => {
    expect(run(duplicateEdge, chain())).toEqual([]);
    const doc = pipeline(
      [queue('q'), worker('w'), queue('out')],
      [edge('q', 'w'), edge('w', 'out'), edge('w', 'out', { on: 'failed' })],
    );
    expect(run(duplicateEdge, doc)).toEqual([]);
  });

  it('warns about the second of two identical edges', () => {
    const doc = pipeline(
      [queue('q', {}, 'emails'), worker('w', {}, 'sender')],
      [edge('q', 'w'), { ...edge('q', 'w'), id: 'again', on: 'completed' }],
    );
    expect(run(duplicateEdge, doc)).toEqual([
      {
        rule: 'duplicate-edge',
        severity: 'warning',
        edgeId: 'again',
        message: 'edge "emails" → "sender" is drawn twice',
        hint: 'delete one of the two edges',
      },
    ]);
  });
});
