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
    ['producer', 'worker', 'put a queue between them: producer → queue → worker'],
    ['queue', 'queue', 'put a worker between them'],
    ['worker', 'worker', 'put a queue between them: worker → queue → worker'],
    ['queue', 'producer', 'producers have no inputs'],
    ['worker', 'producer', 'producers have no inputs'],
    ['producer', 'producer', 'connect the producer to a queue instead'],
  ] as const)('refuses %s → %s, naming both ends', (from, to, hint) => {
    const make = { producer, queue, worker };
    const doc = pipeline(
      [make[from]('a', {}, 'first'), make[to]('b', {}, 'second')],
      [edge('a', 'b')],
    );
    const found = run(illegalEdge, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'illegal-edge', severity: 'error', edgeId: 'a->b' });
    expect(found[0]!.message).toContain(`edge "first" → "second" joins a ${from} to a ${to}`);
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
