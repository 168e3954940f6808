import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../../shared/calibration';
import { inferEdges } from '../../../../shared/calibration/infer-edges';
import type {
  ObservedJob,
  ObservedQueue,
  Observations,
} from '../../../../shared/calibration/observations';
import { queueSamples } from '../../../../shared/calibration/samples';
import { Random, simulate } from '../../../../shared/simulation';
import { chainDocument, observe } from './synthetic';

const T0 = 1_767_571_200_000;

const job = (id: string, t: number, extra: Partial<ObservedJob> = {}): ObservedJob => ({
  id,
  name: 'job',
  state: 'completed',
  timestamp: t,
  processedOn: t + 5,
  finishedOn: t + 25,
  attemptsMade: 1,
  opts: {},
  ...extra,
});

const queue = (
  name: string,
  jobs: ObservedJob[],
  extra: Partial<ObservedQueue> = {},
): ObservedQueue => ({
  name,
  counts: {},
  jobs,
  events: [],
  workers: [{ name: `${name}-w` }],
  schedulers: [],
  meta: { paused: false },
  maxActiveSeen: 1,
  ...extra,
});

const observations = (
  queues: ObservedQueue[],
  extra: Partial<Observations> = {},
): Observations => ({
  redis: 'redis://127.0.0.1:6379',
  prefix: 'bull',
  window: { fromMs: T0, toMs: T0 + 600_000 },
  listenedMs: 0,
  queues,
  notes: [],
  ...extra,
});

const samplesOf = (qs: ObservedQueue[]) =>
  new Map(qs.map((q) => [q.name, queueSamples(q)] as const));

/** Jobs of A every ~1 s (Poisson); each, with probability `p`, adds a job to B as it finishes. */
function chained(p: number, seed = 9): ObservedQueue[] {
  const random = new Random(seed);
  const a: ObservedJob[] = [];
  const b: ObservedJob[] = [];
  let t = T0;
  for (let i = 0; i < 600; i++) {
    t += Math.round(random.exponential(1000));
    const end = t + 25;
    a.push(job(`a${i}`, t));
    // The handler adds B's job a few ms before its own job is marked finished.
    if (random.next() < p) b.push(job(`b${i}`, end - 2));
  }
  return [queue('A', a), queue('B', b)];
}

describe('inferEdges', () => {
  it('infers A → B from timing with its probability, and says how far above chance', () => {
    const { edges } = inferEdges(samplesOf(chained(0.5)));
    expect(edges).toHaveLength(1);
    const edge = edges[0]!;
    expect(edge).toMatchObject({ from: 'A', to: 'B', evidence: 'timing', on: 'completed' });
    // ~300 of 600 jobs pass on: the probability's standard error is √(p(1−p)/600) ≈ 0.02.
    expect(Math.abs(edge.probability - 0.5)).toBeLessThan(0.08);
    expect(edge.expectedByChance!).toBeLessThan(0.1 * edge.matched!);
    expect(edge.detail).toMatch(
      /^\d+ of \d+ jobs in B were created from 20 ms before to \d+ ms after a job completed in A; chance alone would give/,
    );
  });

  it('infers no edge between independent streams (the chance test)', () => {
    const random = new Random(4);
    const make = (name: string) => {
      let t = T0;
      return queue(
        name,
        Array.from({ length: 600 }, (_, i) =>
          job(`${name}${i}`, (t += Math.round(random.exponential(200)))),
        ),
      );
    };
    expect(inferEdges(samplesOf([make('A'), make('B')])).edges).toEqual([]);
  });

  it('infers a dead-letter route from failed jobs’ ends', () => {
    const random = new Random(2);
    const a: ObservedJob[] = [];
    const dlq: ObservedJob[] = [];
    let t = T0;
    for (let i = 0; i < 500; i++) {
      t += Math.round(random.exponential(500));
      const failed = random.next() < 0.2;
      a.push(job(`a${i}`, t, failed ? { state: 'failed', attemptsMade: 3 } : {}));
      if (failed) dlq.push(job(`d${i}`, t + 26));
    }
    const { edges } = inferEdges(samplesOf([queue('A', a), queue('dead', dlq)]));
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ from: 'A', to: 'dead', on: 'failed', evidence: 'timing' });
    expect(edges[0]!.probability).toBeGreaterThan(0.9);
  });

  it('reads flow parents and trace ids before timing', () => {
    const children = [
      job('c1', T0, { parent: { queue: 'parents', id: 'p1' } }),
      job('c2', T0, { parent: { queue: 'parents', id: 'p1' } }),
    ];
    const parents = [job('p1', T0, { state: 'waiting-children' })];
    const traced = [
      queue('first', [job('f1', T0, { traceId: 't1' }), job('f2', T0 + 10_000, { traceId: 't2' })]),
      queue('second', [
        job('s1', T0 + 30, { traceId: 't1' }),
        job('s2', T0 + 10_030, { traceId: 't2' }),
      ]),
    ];
    const { edges, explained } = inferEdges(
      samplesOf([queue('kids', children), queue('parents', parents), ...traced]),
    );
    expect(edges.map((e) => [e.from, e.to, e.evidence, e.probability])).toEqual([
      ['kids', 'parents', 'flow-parent', 0.5],
      ['first', 'second', 'trace-id', 1],
    ]);
    expect([...explained.get('parents')!]).toEqual(['p1']);
    expect([...explained.get('second')!].sort()).toEqual(['s1', 's2']);
  });
});

describe('strays', () => {
  it('counts a few passed-on jobs the timing missed with the edge, not as a producer', async () => {
    const [a, b] = chained(1);
    // Three handlers took 60 ms to finish after adding their job: outside the match window.
    for (const j of b!.jobs.slice(0, 3)) j.timestamp -= 60;
    const { document, report } = await calibrate(observations([a!, b!]));
    expect(document.nodes.filter((n) => n.kind === 'producer').map((n) => n.name)).toEqual(['job']);
    expect(document.edges.find((e) => e.to === 'b')).toEqual({
      id: 'a-worker-to-b',
      from: 'a-worker',
      to: 'b',
    });
    // One of the three lands near another job's end by chance (3 % of the time is that close).
    expect(report.warnings).toContain(
      'jobs "job" in B: 2 of 600 matched no inferred edge; they are counted with the edge, not as a producer',
    );
  });
});

describe('samples and options', () => {
  it('keeps retried jobs out of service times and waits (the retry trap)', async () => {
    // 30 % of attempts fail, with a 2 s backoff: a retried job's processedOn − timestamp includes
    // its earlier attempts and backoffs, ten times the real wait.
    const doc = chainDocument('p', { type: 'poisson', ratePerSec: 10 }, [
      {
        queue: 'q',
        config: { attempts: 4, backoff: { type: 'fixed', delayMs: 2_000 } },
        worker: {
          concurrency: 2,
          replicas: 1,
          service: { type: 'exponential', meanMs: 120 },
          failureRate: 0.3,
        },
      },
    ]);
    const obs = observe(doc, { durationMs: 600_000 });
    const jobs = obs.queues[0]!.jobs.filter((j) => j.state === 'completed' || j.state === 'failed');
    const naiveWait = jobs.reduce((s, j) => s + j.processedOn! - j.timestamp, 0) / jobs.length;
    const truth = simulate(doc, { durationMs: 600_000, seed: 7 }).nodes.q!;
    if (truth.kind !== 'queue') throw new Error('queue');
    expect(naiveWait).toBeGreaterThan(3 * truth.waitMs.mean);
    const { report, document } = await calibrate(obs);
    const wait = report.measured[0]!.meanWaitMs!;
    expect(Math.abs(wait - truth.waitMs.mean) / truth.waitMs.mean).toBeLessThan(0.15);
    const service = report.values.find((v) => v.field === 'service')!;
    expect(service.ci95![0]).toBeLessThan(120);
    expect(service.ci95![1]).toBeGreaterThan(120);
    const failure = report.values.find((v) => v.field === 'failureRate')!;
    expect(failure.ci95![0]).toBeLessThan(0.3);
    expect(failure.ci95![1]).toBeGreaterThan(0.3);
    expect(report.warnings.some((w) => /^q: \d+ jobs ran more than once/.test(w))).toBe(true);
    const q = document.nodes.find((n) => n.kind === 'queue')!;
    expect(q.config).toEqual({ attempts: 4, backoff: { type: 'fixed', delayMs: 2_000 } });
  });

  it('reads jobs removed on completion from the events captured while listening', async () => {
    const events = [];
    for (let i = 0; i < 40; i++) {
      const t = T0 + i * 1_000;
      events.push(
        { event: 'added' as const, jobId: `${i}`, atMs: t, name: 'send' },
        { event: 'active' as const, jobId: `${i}`, atMs: t + 3 },
        { event: 'completed' as const, jobId: `${i}`, atMs: t + 53 },
      );
    }
    const q = queue('mail', [], { events });
    const { report, document } = await calibrate(observations([q], { listenedMs: 40_000 }));
    const service = report.values.find((v) => v.field === 'service')!;
    expect(service.sample).toBe(40);
    expect(service.value).toEqual({ type: 'fixed', ms: 50 });
    expect(report.measured[0]!.meanWaitMs).toBe(3);
    expect(report.warnings).toContain(
      'mail: 40 jobs were no longer stored (removeOnComplete / removeOnFail); they were read from the events captured while listening',
    );
    const producer = document.nodes.find((n) => n.kind === 'producer')!;
    expect(producer.kind === 'producer' && producer.config).toEqual({
      jobName: 'send',
      arrival: { type: 'constant', ratePerSec: 1 },
    });
  });

  it('takes the most common option value and warns when jobs differ; flags thin samples', async () => {
    const jobs = Array.from({ length: 12 }, (_, i) =>
      job(`${i}`, T0 + i * 997, {
        opts: { attempts: i < 9 ? 3 : 5, removeOnComplete: 100, priority: 2 },
      }),
    );
    const { document, report } = await calibrate(observations([queue('q', jobs)]));
    const q = document.nodes.find((n) => n.kind === 'queue')!;
    expect(q.config).toEqual({ attempts: 3, removeOnComplete: { count: 100 } });
    const p = document.nodes.find((n) => n.kind === 'producer')!;
    expect(p.kind === 'producer' && p.config.jobOptions).toEqual({ priority: 2 });
    expect(report.warnings).toContain(
      'queue q: jobs differ in attempts; used the most common value (3, 75 % of 12 jobs)',
    );
    expect(report.warnings).toContain(
      'worker of q: the service time rests on 12 observations (fewer than 30): treat it as a rough guess',
    );
  });

  it('warns when a producer’s rate drifted between the halves of the window', async () => {
    const jobs = [
      ...Array.from({ length: 100 }, (_, i) => job(`a${i}`, T0 + i * 3_000)),
      ...Array.from({ length: 300 }, (_, i) => job(`b${i}`, T0 + 300_000 + i * 1_000)),
    ];
    const { report } = await calibrate(observations([queue('q', jobs)]));
    expect(
      report.warnings.some((w) =>
        w.startsWith('jobs "job" in q: the rate drifted during the window'),
      ),
    ).toBe(true);
  });
});
