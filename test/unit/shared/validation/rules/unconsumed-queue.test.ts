import { describe, expect, it } from 'vitest';
import { unconsumedQueue } from '../../../../../shared/validation/rules/unconsumed-queue';
import { chain, edge, pipeline, producer, queue, run, worker } from '../build';

describe('unconsumed-queue', () => {
  it('accepts a consumed queue', () => {
    expect(run(unconsumedQueue, chain())).toEqual([]);
  });

  it('warns about a fed queue no worker consumes', () => {
    const doc = pipeline([producer('p'), queue('q', {}, 'emails')], [edge('p', 'q')]);
    const found = run(unconsumedQueue, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', nodeId: 'q' });
    expect(found[0]!.message).toBe('no worker consumes queue "emails", so its jobs wait forever');
  });

  it('leaves a dead-letter queue fed only by failed edges alone', () => {
    const doc = pipeline(
      [...chain().nodes, queue('dlq')],
      [...chain().edges, edge('w', 'dlq', { on: 'failed' })],
    );
    expect(run(unconsumedQueue, doc)).toEqual([]);
  });

  it('leaves a queue nothing feeds to the orphan-queue rule', () => {
    expect(run(unconsumedQueue, pipeline([queue('q'), worker('w')], []))).toEqual([]);
  });
});
