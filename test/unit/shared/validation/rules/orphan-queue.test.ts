import { describe, expect, it } from 'vitest';
import { orphanQueue } from '../../../../../shared/validation/rules/orphan-queue';
import { chain, edge, pipeline, queue, run, worker } from '../build';

describe('orphan-queue', () => {
  it('accepts queues fed by a producer or by a worker', () => {
    const doc = pipeline(
      [...chain().nodes, queue('next'), queue('dlq')],
      [...chain().edges, edge('w', 'next'), edge('w', 'dlq', { on: 'failed' })],
    );
    expect(run(orphanQueue, doc)).toEqual([]);
  });

  it('warns about a queue nothing feeds', () => {
    const doc = pipeline([queue('q', {}, 'reports'), worker('w')], [edge('q', 'w')]);
    expect(run(orphanQueue, doc)).toEqual([
      {
        rule: 'orphan-queue',
        severity: 'warning',
        nodeId: 'q',
        message: 'nothing adds jobs to queue "reports": no producer or worker feeds it',
        hint: 'connect a producer or an upstream worker to it, or delete it',
      },
    ]);
  });

  it('does not count an illegal queue → queue edge as a feed', () => {
    const doc = pipeline([queue('a'), queue('b')], [edge('a', 'b')]);
    expect(run(orphanQueue, doc).map((d) => d.nodeId)).toEqual(['a', 'b']);
  });
});
