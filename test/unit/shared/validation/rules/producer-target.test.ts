import { describe, expect, it } from 'vitest';
import { producerTarget } from '../../../../../shared/validation/rules/producer-target';
import { chain, edge, pipeline, producer, run, worker } from '../build';

describe('producer-target', () => {
  it('accepts a producer feeding a queue', () => {
    expect(run(producerTarget, chain())).toEqual([]);
  });

  it('flags a producer with no edge', () => {
    const found = run(producerTarget, pipeline([producer('p', {}, 'signup-api')], []));
    expect(found).toEqual([
      {
        rule: 'producer-target',
        severity: 'error',
        nodeId: 'p',
        message: 'producer "signup-api" has no target queue, so its jobs go nowhere',
        hint: 'connect it to the queue its jobs belong in (producer → queue), or delete it',
      },
    ]);
  });

  it('flags a producer whose only edge leads to a worker', () => {
    const doc = pipeline([producer('p'), worker('w')], [edge('p', 'w')]);
    expect(run(producerTarget, doc).map((d) => d.nodeId)).toEqual(['p']);
  });
});
