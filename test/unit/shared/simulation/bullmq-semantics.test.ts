import { Backoffs } from 'bullmq';
import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document/schema';
import { Simulation } from '../../../../shared/simulation/engine';
import type { JobTraceEvent } from '../../../../shared/simulation/options';
import { edge, pipeline, producer, queue, worker } from './documents';

/** Runs a document to its horizon and returns every job step. */
function traceOf(doc: PipelineDocument, durationMs: number, seed = 1): JobTraceEvent[] {
  const events: JobTraceEvent[] = [];
  new Simulation(doc, { seed, durationMs, trace: (e) => events.push(e) }).run();
  return events;
}

const byJob = (events: JobTraceEvent[]) => {
  const jobs = new Map<number, JobTraceEvent[]>();
  for (const e of events) (jobs.get(e.job) ?? jobs.set(e.job, []).get(e.job)!).push(e);
  return [...jobs.values()];
};

describe('retries and backoff, as BullMQ computes them', () => {
  const failing = (backoff: { type: 'fixed' | 'exponential'; delayMs: number; jitter?: number }) =>
    pipeline(
      'always fails',
      [
        producer('p', { type: 'constant', ratePerSec: 1 }, { limit: 20 }),
        queue('q', { attempts: 6, backoff }),
        worker('w', { type: 'fixed', ms: 7 }, 50, { failureRate: 1 }),
        queue('dlq'),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed' })],
    );

  for (const type of ['fixed', 'exponential'] as const) {
    it(`waits exactly Backoffs.calculate(${type}) between attempts`, async () => {
      const events = traceOf(failing({ type, delayMs: 333 }), 600_000);
      const jobs = byJob(events.filter((e) => e.queueId === 'q'));
      expect(jobs).toHaveLength(20);
      for (const steps of jobs) {
        const starts = steps.filter((e) => e.type === 'started');
        const retries = steps.filter((e) => e.type === 'retrying');
        expect(starts).toHaveLength(6);
        expect(retries).toHaveLength(5);
        expect(steps.at(-1)!.type).toBe('failed');
        for (const [n, retry] of retries.entries()) {
          // BullMQ's own strategy: attemptsMade + 1 is passed for the n-th retry.
          const bull = await Backoffs.calculate(
            { type, delay: 333 },
            n + 1,
            new Error('x'),
            undefined as never,
          );
          expect(retry.delayMs).toBe(bull);
          // Fails at start + 7 ms, starts again exactly after the delay (capacity is ample).
          expect(starts[n + 1]!.t - retry.t).toBeCloseTo(bull as number, 9);
        }
      }
      // Each final failure moves the job to the dead-letter queue.
      expect(events.filter((e) => e.queueId === 'dlq' && e.type === 'added')).toHaveLength(20);
    });
  }

  it('draws jittered delays from [delay × (1 − jitter), delay], as whole milliseconds', () => {
    const events = traceOf(failing({ type: 'exponential', delayMs: 1000, jitter: 0.5 }), 3_600_000);
    const retries = events.filter((e) => e.type === 'retrying');
    expect(retries).toHaveLength(100);
    const seen = new Set<number>();
    for (const r of retries) {
      const base = Math.round(2 ** (r.attemptsMade - 1) * 1000);
      expect(Number.isInteger(r.delayMs)).toBe(true);
      expect(r.delayMs!).toBeGreaterThanOrEqual(base * 0.5);
      expect(r.delayMs!).toBeLessThanOrEqual(base);
      seen.add(r.delayMs!);
    }
    expect(seen.size).toBeGreaterThan(90); // really random, not one fixed value
  });

  it('retries at once without a backoff, and counts retried/failed per worker', () => {
    const doc = pipeline(
      'no backoff',
      [
        producer('p', { type: 'constant', ratePerSec: 2 }, { limit: 10 }),
        queue('q', { attempts: 3 }),
        worker('w', { type: 'fixed', ms: 5 }, 1, { failureRate: 1 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const events = traceOf(doc, 60_000);
    for (const steps of byJob(events)) {
      const starts = steps.filter((e) => e.type === 'started').map((e) => e.t);
      expect(starts).toHaveLength(3);
      expect(starts[1]! - starts[0]!).toBeCloseTo(5, 9);
      expect(starts[2]! - starts[1]!).toBeCloseTo(5, 9);
    }
    const summary = new Simulation(doc, { durationMs: 60_000 }).run();
    expect(summary.nodes.w).toMatchObject({ completed: 0, failed: 10, retried: 20 });
  });
});

describe('rate limit (BullMQ limiter: max starts per window, across all workers)', () => {
  it('never starts more than max jobs in any limiter window, and uses the windows fully', () => {
    const doc = pipeline(
      'limited',
      [
        producer('p', { type: 'poisson', ratePerSec: 200 }),
        queue('q', { rateLimit: { max: 7, durationMs: 250 } }),
        worker('w1', { type: 'exponential', meanMs: 20 }, 10),
        worker('w2', { type: 'exponential', meanMs: 20 }, 10, { replicas: 3 }),
      ],
      [edge('p', 'q'), edge('q', 'w1'), edge('q', 'w2')],
    );
    const starts = traceOf(doc, 120_000)
      .filter((e) => e.type === 'started')
      .map((e) => e.t);
    expect(
      new Set(
        traceOf(doc, 1000)
          .filter((e) => e.type === 'started')
          .map((e) => e.workerId),
      ),
    ).toEqual(new Set(['w1', 'w2']));
    // Replay the limiter key: a window opens at the first start after the previous one expired.
    let windowEnd = -Infinity;
    let inWindow = 0;
    let windows = 0;
    for (const t of starts) {
      if (t >= windowEnd) {
        windowEnd = t + 250;
        inWindow = 0;
        windows++;
      }
      inWindow++;
      expect(inWindow).toBeLessThanOrEqual(7);
    }
    // Overloaded (200/s offered, 28/s allowed): every window is used to the full.
    expect(starts.length).toBe(windows * 7);
    expect(starts.length / 120).toBeGreaterThan(27.5);
    // And over any sliding 250 ms, at most two windows' worth.
    for (let i = 14; i < starts.length; i++)
      expect(starts[i]! - starts[i - 14]!).toBeGreaterThan(0);
  });
});

describe('waiting order, as BullMQ orders jobs', () => {
  it('runs priority 0 first (FIFO), then lower priority numbers, FIFO within one; LIFO to the front', () => {
    const burst = (id: string, size: number, startMs: number, jobOptions: object) =>
      producer(id, { type: 'burst', size, everyMs: 1e9 }, { startMs, limit: size, jobOptions });
    const doc = pipeline(
      'order',
      [
        burst('blocker', 1, 0, {}),
        burst('p5', 2, 10, { priority: 5 }),
        burst('p1', 2, 20, { priority: 1 }),
        burst('plain', 2, 30, {}),
        burst('p5-late', 1, 40, { priority: 5 }),
        burst('p1-late', 1, 45, { priority: 1 }),
        burst('lifo', 2, 50, { lifo: true }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 1000 }, 1),
      ],
      [
        ...['blocker', 'p5', 'p1', 'plain', 'p5-late', 'p1-late', 'lifo'].map((p) => edge(p, 'q')),
        edge('q', 'w'),
      ],
    );
    const events = traceOf(doc, 60_000);
    const added = new Map(events.filter((e) => e.type === 'added').map((e) => [e.job, e.t]));
    const order = events
      .filter((e) => e.type === 'started')
      .map((e) => `${e.priority}@${added.get(e.job)}`);
    expect(order).toEqual([
      '0@0', // started at once
      '0@50', // LIFO jobs go to the front of the plain list, the last one added first
      '0@50',
      '0@30',
      '0@30',
      '1@20',
      '1@20',
      '1@45',
      '5@10',
      '5@10',
      '5@40',
    ]);
    const lifoJobs = events.filter((e) => e.type === 'added' && e.t === 50).map((e) => e.job);
    const lifoStarts = events.filter((e) => e.type === 'started' && lifoJobs.includes(e.job));
    expect(lifoStarts.map((e) => e.job)).toEqual([...lifoJobs].reverse());
  });

  it('holds delayed jobs back and measures their wait from the end of the delay', () => {
    const doc = pipeline(
      'delayed',
      [
        producer('p', { type: 'constant', ratePerSec: 10 }, { jobOptions: { delayMs: 1500 } }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 10 }, 5),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const events = traceOf(doc, 10_000);
    for (const steps of byJob(events)) {
      const [add, start] = steps;
      if (!start) continue;
      expect(start.t - add!.t).toBeCloseTo(1500, 9);
    }
    const sim = new Simulation(doc, { durationMs: 60_000 });
    const summary = sim.run();
    const q = summary.nodes.q!;
    expect(q.kind === 'queue' && q.waitMs.max).toBe(0);
    expect(q.kind === 'queue' && q.delayed.mean).toBeCloseTo(15, 0);
  });
});
