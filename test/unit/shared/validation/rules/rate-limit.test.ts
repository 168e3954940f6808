import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../../../../shared/validation/rules/rate-limit';
import { chain, edge, pipeline, producer, queue, run } from '../build';

const constant = (ratePerSec: number) => ({ arrival: { type: 'constant' as const, ratePerSec } });

describe('rate-limit', () => {
  it('accepts a limit at or above the arrival rate, and no limit', () => {
    expect(
      run(rateLimit, chain(constant(10), { rateLimit: { max: 10, durationMs: 1000 } })),
    ).toEqual([]);
    expect(run(rateLimit, chain(constant(10)))).toEqual([]);
  });

  it('flags a limit below the arrival rate, with the numbers', () => {
    const doc = chain(constant(12), { rateLimit: { max: 10, durationMs: 1000 } });
    const found = run(rateLimit, doc);
    expect(found).toEqual([
      {
        rule: 'rate-limit',
        severity: 'error',
        nodeId: 'q',
        message:
          'queue "q" may start 10 jobs per 1 s (10 jobs/s) but receives 12 jobs/s, so it will grow without bound',
        hint: 'raise rateLimit.max to more than 12 (say 15) per 1000 ms, or send fewer jobs',
      },
    ]);
  });

  it('counts retries, which start again under the same limit', () => {
    const doc = chain(
      constant(9),
      { attempts: 2, rateLimit: { max: 10, durationMs: 1000 } },
      { failureRate: 0.5 },
    );
    const found = run(rateLimit, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('receives 9 jobs/s (13.5 jobs/s counting retries)');
  });

  it('reads slow limits per minute', () => {
    const doc = chain(constant(1), { rateLimit: { max: 30, durationMs: 60_000 } });
    expect(run(rateLimit, doc)[0]!.message).toContain('may start 30 jobs per 1 min (30 jobs/min)');
  });

  it('ignores a limited queue nothing consumes', () => {
    const doc = pipeline(
      [producer('p', constant(100)), queue('q', { rateLimit: { max: 1, durationMs: 1000 } })],
      [edge('p', 'q')],
    );
    expect(run(rateLimit, doc)).toEqual([]);
  });
});
