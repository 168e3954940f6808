import { describe, expect, it } from 'vitest';
import { endlessLoop } from '../../../../../shared/validation/rules/endless-loop';
import { chain, edge, pipeline, producer, queue, run, worker } from '../build';

describe('endless-loop', () => {
  it('accepts a pipeline without loops', () => {
    expect(run(endlessLoop, chain())).toEqual([]);
  });

  it('warns about a worker that always re-enqueues into its own queue', () => {
    const doc = pipeline(
      [producer('p'), queue('q', {}, 'crawl'), worker('w', {}, 'crawler')],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'q')],
    );
    expect(run(endlessLoop, doc)).toEqual([
      {
        rule: 'endless-loop',
        severity: 'warning',
        nodeId: 'w',
        message:
          'jobs loop forever between "crawl", "crawler": every worker there always succeeds and always re-enqueues into the loop',
        hint: 'give an edge of the loop a probability below 1 (or let a worker fail sometimes) so jobs can leave it',
      },
    ]);
  });

  it('warns about a loop through two queues even when jobs also leave it', () => {
    const doc = pipeline(
      [queue('a'), worker('wa'), queue('b'), worker('wb'), queue('out')],
      [edge('a', 'wa'), edge('wa', 'b'), edge('b', 'wb'), edge('wb', 'a'), edge('wb', 'out')],
    );
    const found = run(endlessLoop, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('"a", "wa", "b", "wb"');
  });

  it.each([
    ['a probability below 1', { probability: 0.9 }, {}],
    ['a worker that can fail', {}, { failureRate: 0.01 }],
  ])('accepts a loop jobs can leave through %s', (_, edgeExtra, workerConfig) => {
    const doc = pipeline(
      [producer('p'), queue('q'), worker('w', workerConfig), queue('done')],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'q', edgeExtra), edge('w', 'done')],
    );
    expect(run(endlessLoop, doc)).toEqual([]);
  });

  it('accepts a loop whose queue also feeds a worker outside it', () => {
    const doc = pipeline(
      [queue('q'), worker('w'), worker('other'), queue('done')],
      [edge('q', 'w'), edge('w', 'q'), edge('q', 'other'), edge('other', 'done')],
    );
    expect(run(endlessLoop, doc)).toEqual([]);
  });

  it('reports separate loops separately', () => {
    const doc = pipeline(
      [queue('a'), worker('wa'), queue('b'), worker('wb')],
      [edge('a', 'wa'), edge('wa', 'a'), edge('b', 'wb'), edge('wb', 'b')],
    );
    expect(run(endlessLoop, doc).map((d) => d.nodeId)).toEqual(['wa', 'wb']);
  });
});
