import { describe, expect, it } from 'vitest';
import { illegalEdge } from '../../../../../shared/validation/rules/illegal-edge';
import { chain, edge, pipeline, producer, queue, run, worker } from '../build';

describe('illegal-edge', () => {
  it('accepts producer → queue, queue → worker and worker → queue', () => {
    const doc = pipeline(
      [producer('p'), queue('q'), worker('w'), queue('next')],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'next')],
    );
    expect(run(illegalEdge, doc)).toEqual([]);
  });

  it.each([
    [
      'producer',
      'worker',
      'a producer adds jobs to a queue, not to a worker',
      'put a queue between them: producer → queue → worker',
    ],
    ['queue', 'queue', 'jobs leave a queue through a worker', 'put a worker between them'],
    [
      'worker',
      'worker',
      'a worker passes jobs on through a queue',
      'put a queue between them: worker → queue → worker',
    ],
    [
      'queue',
      'producer',
      'nothing feeds a producer: it creates jobs itself',
      'connect the queue to a worker instead',
    ],
    [
      'worker',
      'producer',
      'nothing feeds a producer: it creates jobs itself',
      'connect the worker to a queue instead',
    ],
    [
      'producer',
      'producer',
      'a producer adds jobs to queues only',
      'connect the producer to a queue instead',
    ],
  ] as const)('refuses %s → %s, naming both ends', (from, to, why, hint) => {
    const make = { producer, queue, worker };
    const doc = pipeline(
      [make[from]('a', {}, 'first'), make[to]('b', {}, 'second')],
      [edge('a', 'b')],
    );
    const found = run(illegalEdge, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'illegal-edge', severity: 'error', edgeId: 'a->b' });
    expect(found[0]!.message).toBe(`edge "first" → "second" joins a ${from} to a ${to}; ${why}`);
    expect(found[0]!.hint).toContain(hint);
  });

  it('refuses a node connected to itself', () => {
    const doc = pipeline([queue('q', {}, 'emails')], [edge('q', 'q')]);
    const found = run(illegalEdge, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('edge "emails" → "emails" connects queue "emails" to itself');
  });

  it('leaves failed edges to the failed-edge rule', () => {
    const doc = pipeline(
      [queue('q'), worker('w'), worker('w2')],
      [edge('q', 'w'), edge('w', 'w2', { on: 'failed' }), edge('w', 'w', { on: 'failed' })],
    );
    expect(run(illegalEdge, doc)).toEqual([]);
    expect(run(illegalEdge, chain())).toEqual([]);
  });
});
