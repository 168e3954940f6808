import { describe, expect, it } from 'vitest';
import { capacity } from '../../../../../shared/validation/rules/capacity';
import { chain, edge, pipeline, producer, queue, run, worker } from '../build';
import { reportFlow } from '../flow-fixtures';

const poisson = (ratePerSec: number) => ({ arrival: { type: 'poisson' as const, ratePerSec } });

describe('capacity', () => {
  it('accepts a queue its workers keep up with', () => {
    // 10 jobs/s × 0.5 s = 5 busy slots of 10.
    expect(run(capacity, chain(poisson(10), {}, { service: { type: 'fixed', ms: 500 } }))).toEqual(
      [],
    );
  });

  it('flags arrival rate × mean service ≥ concurrency × replicas, with the numbers', () => {
    const doc = pipeline(
      [
        producer('p', poisson(25)),
        queue('q', {}, 'emails'),
        worker(
          'w',
          { concurrency: 5, replicas: 2, service: { type: 'exponential', meanMs: 500 } },
          'sender',
        ),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const found = run(capacity, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'capacity', severity: 'error', nodeId: 'q' });
    expect(found[0]!.message).toBe(
      'queue "emails" will grow without bound: 25 jobs/s × 500 ms mean service keeps 12.5 slots busy, but worker "sender" has 10 (concurrency 5 × 2 replicas)',
    );
    expect(found[0]!.hint).toContain(
      'raise the concurrency or replicas of "sender" to more than 12.5 slots',
    );
  });

  it('fires at exactly full load, where a queue also grows', () => {
    expect(
      run(capacity, chain(poisson(20), {}, { service: { type: 'fixed', ms: 500 } })),
    ).toHaveLength(1);
  });

  it('counts retries as extra work', () => {
    // 10 jobs/s × 0.9 s = 9 slots: fine; with failureRate 0.5 and 3 attempts, 1.75 attempts/job.
    const ok = chain(poisson(10), {}, { service: { type: 'fixed', ms: 900 } });
    expect(run(capacity, ok)).toEqual([]);
    const retrying = chain(
      poisson(10),
      { attempts: 3 },
      { service: { type: 'fixed', ms: 900 }, failureRate: 0.5 },
    );
    const found = run(capacity, retrying);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(
      '10 jobs/s × 1.75 attempts (with retries) × 900 ms mean service keeps 15.8 slots busy',
    );
  });

  it('counts jobs arriving from upstream workers, and all the workers sharing a queue', () => {
    const doc = pipeline(
      [
        producer('p', poisson(30)),
        queue('in'),
        worker('w0', { concurrency: 100 }),
        queue('q', {}, 'thumbnails'),
        worker('a', { concurrency: 4, service: { type: 'fixed', ms: 200 } }, 'thumb-a'),
        worker('b', { concurrency: 1, service: { type: 'fixed', ms: 100 } }, 'thumb-b'),
      ],
      [edge('p', 'in'), edge('in', 'w0'), edge('w0', 'q'), edge('q', 'a'), edge('q', 'b')],
    );
    const found = run(capacity, doc);
    expect(found.map((d) => d.nodeId)).toEqual(['q']);
    expect(found[0]!.message).toBe(
      'queue "thumbnails" will grow without bound: it receives 30 jobs/s, but its workers finish at most 30 jobs/s ("thumb-a": 4 slots × 200 ms, "thumb-b": 1 slot × 100 ms)',
    );
  });

  it('flags a loop that never drains', () => {
    const doc = pipeline(
      [producer('p'), queue('q', {}, 'loop'), worker('w')],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'q')],
    );
    expect(run(capacity, doc)[0]!.message).toContain('a loop through it re-enqueues jobs');
  });

  it('ignores a queue without workers, and zero-time work', () => {
    const doc = pipeline([producer('p'), queue('q')], [edge('p', 'q')]);
    expect(run(capacity, doc)).toEqual([]);
    expect(run(capacity, chain(poisson(1e6), {}, { service: { type: 'fixed', ms: 0 } }))).toEqual(
      [],
    );
  });

  it('counts a fan-out: E[N] children per job reach the children queue', () => {
    // reportFlow: 10 jobs/s; 4 children per job → 40 jobs/s × 10 ms on 10 slots: fine.
    expect(run(capacity, reportFlow())).toEqual([]);
    // 40 to 120 children (mean 80) per job → 800 jobs/s × 10 ms = 8 slots of 10: fine.
    expect(run(capacity, reportFlow({ children: { type: 'uniform', min: 40, max: 120 } }))).toEqual(
      [],
    );
    // 100 children per job → 1000 jobs/s × 10 ms = 10 slots of 10: grows.
    const found = run(capacity, reportFlow({ children: 100 }));
    expect(found).toEqual([expect.objectContaining({ rule: 'capacity', nodeId: 'parts' })]);
    expect(found[0]!.message).toContain('1,000 jobs/s × 10 ms mean service keeps 10 slots busy');
  });
});
