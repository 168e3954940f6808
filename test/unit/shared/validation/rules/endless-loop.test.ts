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

  describe('loops that take no time (an error: a simulation never gets past the instant)', () => {
    const zero = { service: { type: 'fixed', ms: 0 } } as const;

    it("is an error for the issue's loop: a 0 ms worker re-enqueueing into its queue", () => {
      const doc = pipeline(
        [producer('p'), queue('q'), worker('w', zero)],
        [edge('p', 'q'), edge('q', 'w'), edge('w', 'q')],
      );
      expect(run(endlessLoop, doc)).toEqual([
        {
          rule: 'endless-loop',
          severity: 'error',
          nodeId: 'w',
          message:
            'jobs go round "q", "w" without time passing: "w" takes no time (service 0 ms) and at least one job comes back into the loop for each one taken, so a simulation never gets past that instant',
          hint: 'give a worker of the loop a service time above 0 ms, or lower an edge probability so fewer jobs come back',
        },
      ]);
    });

    it('is an error when branching makes up for probabilities below 1 (0.6 + 0.6 ≥ 1)', () => {
      const doc = pipeline(
        [
          queue('a'),
          worker('wa', zero),
          queue('b'),
          worker('wb', { service: { type: 'uniform', minMs: 0, maxMs: 0 } }),
        ],
        [
          edge('a', 'wa'),
          edge('wa', 'b', { probability: 0.6 }),
          edge('wa', 'a', { probability: 0.6 }),
          edge('b', 'wb'),
          edge('wb', 'a'),
        ],
      );
      const found = run(endlessLoop, doc);
      expect(found.map((d) => [d.severity, d.nodeId])).toEqual([['error', 'wa']]);
      expect(found[0]!.message).toContain('"a", "b", "wa", "wb"');
    });

    it('counts a failed edge by the chance a job fails for good (failureRate^attempts)', () => {
      const loop = (failureRate: number, attempts: number) =>
        pipeline(
          [queue('q', { attempts }), worker('w', { ...zero, failureRate }), queue('done')],
          [
            edge('q', 'w'),
            edge('w', 'q', { on: 'failed' }),
            edge('w', 'q', { probability: 0.5 }),
            edge('w', 'done'),
          ],
        );
      // 0.5 × (1 − 0.5²) + 1 × 0.5² = 0.625 < 1 jobs back per job: the loop dies out.
      expect(run(endlessLoop, loop(0.5, 2))).toEqual([]);
      // 0.5 × (1 − 1) + 1 × 1 = 1: every job fails for good and comes back.
      expect(run(endlessLoop, loop(1, 3)).map((d) => d.severity)).toEqual(['error']);
    });

    it.each([
      ['fewer than one job back per job', { probability: 0.99 }, zero, {}],
      ['a worker that takes time', {}, { service: { type: 'fixed', ms: 0.001 } }, {}],
      [
        'a rate-limited queue (a limiter makes time pass)',
        {},
        zero,
        { rateLimit: { max: 10, durationMs: 1000 } },
      ],
    ] as const)('is no error with %s', (_, edgeExtra, workerConfig, queueConfig) => {
      const doc = pipeline(
        [producer('p'), queue('q', queueConfig), worker('w', workerConfig), queue('done')],
        [
          edge('p', 'q'),
          edge('q', 'w'),
          edge('w', 'q', edgeExtra),
          edge('w', 'done', { probability: 0.5 }),
        ],
      );
      expect(run(endlessLoop, doc).filter((d) => d.severity === 'error')).toEqual([]);
    });

    it('finds the loop among 3,000 queues in a long zero-time chain that closes on itself', () => {
      const n = 1500;
      const nodes = Array.from({ length: n }, (_, i) => [
        queue(`q${i}`),
        worker(`w${i}`, zero),
      ]).flat();
      const edges = Array.from({ length: n }, (_, i) => [
        edge(`q${i}`, `w${i}`),
        edge(`w${i}`, `q${(i + 1) % n}`),
      ]).flat();
      const found = run(endlessLoop, pipeline(nodes, edges));
      expect(found.map((d) => [d.severity, d.nodeId])).toEqual([['error', 'w0']]);
    });
  });
});
