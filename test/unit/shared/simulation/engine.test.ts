import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../../../shared/document';
import type { PipelineDocument } from '../../../../shared/document/schema';
import type { QueueFigures, RunSnapshot } from '../../../../shared/metrics/types';
import { Simulation } from '../../../../shared/simulation/engine';
import { SimulationModelError } from '../../../../shared/simulation/model';
import { simulate } from '../../../../shared/simulation/run';
import { edge, featureRich, mmc, pipeline, producer, queue, starved, worker } from './documents';

const examplesDir = join(__dirname, '../../../../resources/examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.pipewright.json'))
  .map((file) => {
    const parsed = parseDocumentText(readFileSync(join(examplesDir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.errors)}`);
    return [file, parsed.document] as const;
  });

const queueFigures = (snapshot: RunSnapshot) =>
  Object.entries(snapshot.nodes).filter((e): e is [string, QueueFigures] => e[1].kind === 'queue');

describe('totals balance: created = completed + failed + in system', () => {
  // Two simulated days, so daily cron schedules fire too; the busy feature-rich model for an hour.
  const cases: Array<readonly [string, PipelineDocument, number]> = [
    ['feature-rich pipeline', featureRich(), 3_600_000],
    ...examples.map(([file, doc]) => [file, doc, 2 * 86_400_000] as const),
  ];
  it('covers the bundled examples', () => expect(examples.length).toBeGreaterThanOrEqual(1));
  for (const [name, doc, durationMs] of cases) {
    it(name, () => {
      const sim = new Simulation(doc, { seed: 4, durationMs });
      sim.run();
      const snapshot = sim.snapshot();
      let enqueued = 0;
      let accounted = 0;
      // A flow's parents waiting for their children are enqueued but in no list.
      const present = (q: QueueFigures) =>
        q.waiting + q.active + q.delayed + (q.waitingChildren ?? 0);
      for (const [, q] of queueFigures(snapshot)) {
        expect(q.enqueued).toBe(q.completed + q.failed + present(q));
        enqueued += q.enqueued;
        accounted += q.completed + q.failed + present(q);
      }
      expect(enqueued).toBeGreaterThan(0);
      expect(accounted).toBe(enqueued);
      const inSystem = queueFigures(snapshot).reduce((s, [, q]) => s + present(q), 0);
      expect(sim.jobsInSystem).toBe(inSystem);
    });
  }
});

describe('determinism', () => {
  it('gives identical results for one seed and different ones for another', () => {
    const a = simulate(featureRich(), { seed: 9, durationMs: 300_000 });
    const b = simulate(featureRich(), { seed: 9, durationMs: 300_000 });
    const c = simulate(featureRich(), { seed: 10, durationMs: 300_000 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
  });

  it('streams the same snapshots for one seed', () => {
    const run = () => {
      const snaps: RunSnapshot[] = [];
      new Simulation(featureRich(), {
        seed: 3,
        durationMs: 60_000,
        snapshotIntervalMs: 5000,
        onSnapshot: (s) => snaps.push(s),
      }).run();
      return snaps;
    };
    expect(run()).toEqual(run());
  });
});

describe('producers', () => {
  const counting = (
    arrival: Parameters<typeof producer>[1],
    config: Parameters<typeof producer>[2] = {},
  ) =>
    pipeline(
      'p',
      [producer('p', arrival, config), queue('q'), worker('w', { type: 'fixed', ms: 1 }, 100)],
      [edge('p', 'q'), edge('q', 'w')],
    );
  const created = (doc: PipelineDocument, durationMs: number) => {
    const p = simulate(doc, { durationMs }).nodes.p!;
    return p.kind === 'producer' ? p.created : NaN;
  };

  it('creates jobs as each arrival type says', () => {
    expect(created(counting({ type: 'constant', ratePerSec: 10 }), 10_000)).toBe(100); // 0 s, 0.1 s, … 9.9 s
    expect(created(counting({ type: 'burst', size: 7, everyMs: 1000 }), 10_000)).toBe(70); // at 0 s … 9 s
    expect(created(counting({ type: 'schedule', everyMs: 2000 }), 10_000)).toBe(5); // at 0, 2, 4, 6, 8 s
    expect(created(counting({ type: 'schedule', cron: '*/15 * * * * *' }), 60_000)).toBe(4); // :00 :15 :30 :45
    // Ramp 0 → 10/s over 10 s, then 10/s: 50 jobs during the ramp, 100 in the next 10 s.
    expect(
      created(counting({ type: 'ramp', fromPerSec: 0, toPerSec: 10, overMs: 10_000 }), 20_000),
    ).toBe(150);
    const poisson = created(counting({ type: 'poisson', ratePerSec: 50 }), 100_000);
    expect(Math.abs(poisson - 5000)).toBeLessThan(4 * Math.sqrt(5000));
  });

  it('honours limit, startMs and stopMs', () => {
    expect(created(counting({ type: 'constant', ratePerSec: 10 }, { limit: 25 }), 60_000)).toBe(25);
    expect(
      created(counting({ type: 'burst', size: 10, everyMs: 1000 }, { limit: 25 }), 60_000),
    ).toBe(25);
    expect(
      created(
        counting({ type: 'constant', ratePerSec: 10 }, { startMs: 5000, stopMs: 8000 }),
        60_000,
      ),
    ).toBe(30);
  });

  it('runs cron schedules on wall-clock time from epochMs', () => {
    const doc = counting({ type: 'schedule', cron: '0 2 * * *' });
    const summary = simulate(doc, {
      durationMs: 3 * 86_400_000,
      epochMs: Date.UTC(2026, 0, 5, 1, 0),
    });
    expect(summary.nodes.p).toMatchObject({ created: 3 }); // 02:00 on the 5th, 6th and 7th
  });
});

describe('routing', () => {
  it('follows completed edges with independent probabilities and dead-letters final failures', () => {
    const doc = pipeline(
      'routing',
      [
        producer('p', { type: 'poisson', ratePerSec: 100 }),
        queue('in', { attempts: 2 }),
        worker('w', { type: 'exponential', meanMs: 10 }, 10, { failureRate: 0.2 }),
        queue('a'),
        queue('b'),
        queue('dlq'),
      ],
      [
        edge('p', 'in'),
        edge('in', 'w'),
        edge('w', 'a', { probability: 0.3 }),
        edge('w', 'b', { probability: 0.6 }),
        edge('w', 'dlq', { on: 'failed' }),
      ],
    );
    const s = simulate(doc, { seed: 2, durationMs: 600_000 });
    const w = s.nodes.w!;
    if (w.kind !== 'worker') throw new Error('worker expected');
    const enq = (id: string) => (s.nodes[id] as { enqueued: number }).enqueued;
    const within = (n: number, p: number, got: number) =>
      expect(Math.abs(got - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)) + 1);
    within(w.completed, 0.3, enq('a'));
    within(w.completed, 0.6, enq('b'));
    expect(enq('dlq')).toBe(w.failed);
    within(enq('in'), 0.04, w.failed); // fails both attempts: 0.2²
  });

  it('measures end-to-end from the producer to the last completion of a chain', () => {
    const doc = pipeline(
      'chain',
      [
        producer('p', { type: 'constant', ratePerSec: 1 }),
        queue('a'),
        worker('wa', { type: 'fixed', ms: 100 }, 1),
        queue('b'),
        worker('wb', { type: 'fixed', ms: 250 }, 1),
        queue('c'),
        worker('wc', { type: 'fixed', ms: 40 }, 1),
      ],
      [
        edge('p', 'a'),
        edge('a', 'wa'),
        edge('wa', 'b'),
        edge('wa', 'c'),
        edge('b', 'wb'),
        edge('c', 'wc'),
      ],
    );
    const s = simulate(doc, { durationMs: 60_000 });
    expect(s.endToEndMs.mean).toBeCloseTo(350, 6);
    expect(s.endToEndMs.max).toBeCloseTo(350, 6);
  });
});

describe('verdicts, warm-up and horizons', () => {
  it('calls an overloaded queue growing and a healthy one stable', () => {
    const over = simulate(mmc(12, { type: 'exponential', meanMs: 100 }, 1), {
      durationMs: 600_000,
    });
    const ok = simulate(mmc(8, { type: 'exponential', meanMs: 100 }, 1), { durationMs: 600_000 });
    expect(over.nodes.q).toMatchObject({ verdict: 'growing' });
    const since = (over.nodes.q as { growingSinceMs?: number }).growingSinceMs!;
    expect(since).toBeGreaterThan(0);
    expect(since).toBeLessThan(300_000);
    expect(ok.nodes.q).toMatchObject({ verdict: 'stable' });
  });

  it('excludes the warm-up from every figure', () => {
    const doc = mmc(5, { type: 'fixed', ms: 50 }, 1);
    const s = simulate(doc, { durationMs: 100_000, warmupMs: 50_000, seed: 1 });
    expect(s.durationMs).toBe(100_000);
    const p = s.nodes.p!;
    expect(p.kind === 'producer' && Math.abs(p.created - 500)).toBeLessThan(4 * Math.sqrt(500));
    expect(p.kind === 'producer' && p.ratePerSec).toBeCloseTo(
      p.kind === 'producer' ? p.created / 100 : 0,
      9,
    );
  });

  it('stops after the given number of jobs, or when nothing more can happen', () => {
    const sim = new Simulation(mmc(100, { type: 'fixed', ms: 1 }, 1), { jobs: 1234 });
    const s = sim.run();
    expect(s.nodes.p).toMatchObject({ created: 1234 });
    const finite = pipeline(
      'finite',
      [
        producer('p', { type: 'constant', ratePerSec: 10 }, { limit: 5 }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 1 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const s2 = new Simulation(finite, { jobs: 1000 }).run();
    expect(s2.nodes.w).toMatchObject({ completed: 5 });
    // Five jobs at 0, 100, … 400 ms, 1 ms each: the run ends with the last one.
    expect(s2.durationMs).toBeCloseTo(401, 9);
  });

  it('emits snapshots at the interval of simulated time, plus one at the end', () => {
    const snaps: RunSnapshot[] = [];
    new Simulation(mmc(50, { type: 'exponential', meanMs: 10 }, 2), {
      durationMs: 10_500,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => snaps.push(s),
    }).run();
    expect(snaps.map((s) => s.t)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000, 10500,
    ]);
    const last = snaps[9]!;
    expect(last.nodes.p).toMatchObject({ kind: 'producer' });
    const w = last.nodes.w!;
    expect(w.kind === 'worker' && w.utilisation).toBeGreaterThan(0.1);
    expect(w.kind === 'worker' && w.capacity).toBe(2);
    expect(Object.keys(last.edges)).toHaveLength(2);
    const q = last.nodes.q!;
    expect(q.kind === 'queue' && q.enqueuedPerSec).toBeGreaterThan(20);
    expect(last.endToEndMs.count).toBeGreaterThan(20);
  });
});

describe('bad models and options', () => {
  it('names what it cannot simulate', () => {
    const doc = pipeline(
      'bad',
      [
        producer('p', { type: 'poisson', ratePerSec: 1 }),
        queue('q1'),
        queue('q2'),
        worker('w', { type: 'fixed', ms: 1 }),
      ],
      [edge('p', 'w'), edge('q1', 'w'), edge('q2', 'w'), edge('q1', 'ghost')],
    );
    try {
      new Simulation(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SimulationModelError);
      const problems = (error as SimulationModelError).problems.join('\n');
      expect(problems).toMatch(/edge "p" → "w" joins a producer to a worker/);
      expect(problems).toMatch(/worker "w" consumes 2 queues \("q1", "q2"\)/);
      expect(problems).toMatch(/"ghost"/);
    }
  });

  it('refuses options it cannot use', () => {
    const doc = mmc(1, { type: 'fixed', ms: 1 }, 1);
    expect(() => new Simulation(doc, { durationMs: 0 })).toThrow(
      /durationMs must be a positive number/,
    );
    expect(() => new Simulation(doc, { warmupMs: -1 })).toThrow(/warmupMs/);
    expect(() => new Simulation(doc, { seed: 1.5 })).toThrow(/seed must be an integer/);
    expect(() => simulate(doc, { replications: 0 })).toThrow(/replications/);
  });
});

describe('the oldest waiting job', () => {
  it('is reported when jobs wait and none starts, and measured from when it became ready', () => {
    // Jobs every 100 ms; the worker takes one per minute (a rate limit): the line grows.
    const doc = starved();
    const frames: RunSnapshot[] = [];
    new Simulation(doc, {
      seed: 1,
      durationMs: 10_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => frames.push(s),
    }).run();
    const q = frames.map((f) => f.nodes.q as QueueFigures);
    // The first job started at once (its wait measured), so no age then.
    expect(q[0]!.waitMs.count).toBe(1);
    expect(q[0]!.oldestWaitingMs).toBeUndefined();
    // Later frames: nothing starts; the head of the line is the second job, ready at 100 ms.
    for (const [i, f] of q.entries()) {
      if (i === 0) continue;
      expect(f.waitMs.count).toBe(0);
      expect(f.oldestWaitingMs).toBeCloseTo(frames[i]!.t - 100, 6);
    }
  });
});
