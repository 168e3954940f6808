import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../../shared/metrics/types';
import {
  SimulationCancelledError,
  simulate,
  simulateAsync,
} from '../../../../shared/simulation/run';
import {
  createSimulationHost,
  type SimulationMessage,
} from '../../../../shared/simulation/worker-host';
import { edge, featureRich, mmc, pipeline, producer, queue, worker } from './documents';

const doc = mmc(40, { type: 'exponential', meanMs: 20 }, 1);

describe('replications', () => {
  it('averages runs with seeds seed, seed + 1, … and gives Student-t half-widths', () => {
    const runs = [7, 8, 9, 10].map((seed) => simulate(doc, { seed, durationMs: 120_000 }));
    const combined = simulate(doc, { seed: 7, durationMs: 120_000, replications: 4 });
    expect(combined.replications).toBe(4);
    const waits = runs.map((r) => (r.nodes.q as { waitMs: { mean: number } }).waitMs.mean);
    const mean = waits.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(waits.reduce((a, b) => a + (b - mean) ** 2, 0) / 3);
    const q = combined.nodes.q as unknown as {
      waitMs: { mean: number };
      ci95: { waitMs: { mean: number } };
    };
    expect(q.waitMs.mean).toBeCloseTo(mean, 9);
    expect(q.ci95.waitMs.mean).toBeCloseTo((3.182 * sd) / 2, 9);
    // The CI covers the theoretical M/M/1 wait, ρ = 0.8: 0.8 · 20 / 0.2 = 80 ms.
    expect(Math.abs(q.waitMs.mean - 80)).toBeLessThan(q.ci95.waitMs.mean * 1.5 + 2);
  });
});

describe('running off the UI thread', () => {
  it('gives the same summary in slices as in one go, reporting progress', async () => {
    const progress: number[] = [];
    const sliced = await simulateAsync(
      featureRich(),
      { seed: 5, durationMs: 120_000, replications: 2 },
      { sliceEvents: 5000, onProgress: (f) => progress.push(f) },
    );
    expect(sliced).toEqual(
      simulate(featureRich(), { seed: 5, durationMs: 120_000, replications: 2 }),
    );
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('stops between slices when cancelled', async () => {
    const controller = new AbortController();
    let slices = 0;
    const run = simulateAsync(
      featureRich(),
      { durationMs: 86_400_000 },
      {
        signal: controller.signal,
        sliceEvents: 1000,
        yieldToHost: async () => {
          if (++slices === 3) controller.abort();
        },
      },
    );
    await expect(run).rejects.toBeInstanceOf(SimulationCancelledError);
    expect(slices).toBe(3);
  });

  it('speaks a message protocol a Web Worker can host: snapshots, progress, done, cancel, errors', async () => {
    const messages: SimulationMessage[] = [];
    let settle: () => void = () => {};
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const host = createSimulationHost((m) => {
      messages.push(m);
      if (m.type === 'done' || m.type === 'cancelled' || m.type === 'error') settle();
    });
    host({
      type: 'start',
      runId: 1,
      document: doc,
      options: { durationMs: 30_000, snapshotIntervalMs: 1000, seed: 2 },
    });
    await finished;
    const snapshots = messages.flatMap((m) => (m.type === 'snapshots' ? m.snapshots : []));
    expect(snapshots.map((s: RunSnapshot) => s.t)).toEqual(
      Array.from({ length: 30 }, (_, i) => (i + 1) * 1000),
    );
    const done = messages.at(-1)!;
    expect(done.type).toBe('done');
    expect(done.type === 'done' && done.summary).toEqual(
      simulate(doc, { durationMs: 30_000, seed: 2 }),
    );

    const second: SimulationMessage[] = [];
    let settleSecond: () => void = () => {};
    const over = new Promise<void>((resolve) => (settleSecond = resolve));
    const host2 = createSimulationHost(
      (m) => {
        second.push(m);
        if (m.type === 'progress') host2({ type: 'cancel', runId: 2 });
        if (m.type === 'cancelled' || m.type === 'done') settleSecond();
      },
      () => Promise.resolve(),
    );
    host2({
      type: 'start',
      runId: 2,
      document: featureRich(),
      options: { durationMs: 86_400_000 },
    });
    await over;
    expect(second.at(-1)).toEqual({ type: 'cancelled', runId: 2 });

    const bad = pipeline(
      'bad',
      [
        producer('p', { type: 'poisson', ratePerSec: 1 }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 1 }),
      ],
      [edge('p', 'w')],
    );
    const third: SimulationMessage[] = [];
    await new Promise<void>((resolve) => {
      createSimulationHost((m) => {
        third.push(m);
        resolve();
      })({ type: 'start', runId: 3, document: bad, options: {} });
    });
    expect(third[0]).toMatchObject({ type: 'error', runId: 3 });
    expect(third[0]!.type === 'error' && third[0]!.problems[0]).toMatch(/producer to a worker/);
  });
});

describe('replayed arrivals', () => {
  it('creates exactly the given jobs at the given times, whatever the arrival model says', () => {
    // Three jobs 5 ms apart into one slot of 10 ms (deterministic): waits 0, 5 and 10 ms.
    const replayed = mmc(1000, { type: 'fixed', ms: 10 }, 1);
    const producerId = replayed.nodes.find((n) => n.kind === 'producer')!.id;
    const summary = simulate(replayed, {
      durationMs: 1000,
      arrivalTimes: { [producerId]: [100, 105, 110] },
    });
    const q = summary.nodes.q as { enqueued: number; waitMs: { mean: number; max: number } };
    expect(q.enqueued).toBe(3);
    expect(q.waitMs.mean).toBeCloseTo(5, 6);
    expect(q.waitMs.max).toBeCloseTo(10, 6);
  });
});
