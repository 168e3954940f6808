import { describe, expect, it } from 'vitest';
import type { PipelineDocument, ScenarioEvent } from '../../../../shared/document/schema';
import type { WorkerFigures } from '../../../../shared/metrics/types';
import { Simulation } from '../../../../shared/simulation/engine';
import { SimulationModelError } from '../../../../shared/simulation/model';
import { simulate } from '../../../../shared/simulation/run';
import { edge, pipeline, producer, queue, worker } from './documents';

/**
 * Issue 16's deterministic outage. A producer sends one job every 100 ms from t = 0; the queue
 * gives each job 3 attempts with a fixed 1010 ms backoff; the worker (10 slots, so nothing ever
 * waits for a slot) takes exactly 50 ms; a job that fails for good goes to a dead-letter queue.
 * From 10 s to 15 s the worker's failure rate is 1. No two event kinds ever share an instant
 * (arrivals at ≡ 0 mod 100, first ends ≡ 50, second ≡ 10, third ≡ 70, backoff ends ≡ 60 or 20),
 * so the figures follow without tie-breaking rules.
 *
 * Job a (arrives at a) ends attempt 1 at a + 50, attempt 2 at a + 1110, attempt 3 at a + 2170;
 * an attempt fails when it ends inside [10000, 15000):
 *   F1 (attempt 1 fails):  a + 50 ∈ [10000, 15000)   ⇔ a ∈ 10000..14900  → 50 jobs
 *   F2 (attempt 2 fails):  also a + 1110 < 15000      ⇔ a ∈ 10000..13800  → 39 jobs
 *   F3 (attempt 3 fails):  also a + 2170 < 15000      ⇔ a ∈ 10000..12800  → 29 jobs, for good
 * Retries: 50 + 39 = 89. Failed for good (and dead-lettered): 29, the first at 10000 + 2170 =
 * 12170, the last at 12800 + 2170 = 14970.
 *
 * Backlog = delayed jobs (nothing waits): F1 jobs during [a + 50, a + 1060), F2 jobs during
 * [a + 1110, a + 2120); 0 before the outage. Each window is 1010 ms long, so it holds 10 jobs, or
 * 11 for the 10 ms after a new one entered (F1 at t ≡ 50..59, F2 at t ≡ 10..19). With both full
 * the backlog is 10 + 11 = 21: first at t = 12050 (F1 = 11000..12000, F2 = 10000..10900).
 * Peak 21 at 12050.
 *
 * Drain: after 15000 nothing enters; the last F2 job (13800) leaves at 15920, the last F1 job
 * (14900) at 15960. Back to 0 at 15960: 960 ms after the end.
 *
 * Jobs that ended in the window [10000, 15960]: first-attempt successes 15000..15900 (10), F1
 * only, completing at a + 1110 ≤ 15960: 13900..14800 (10), F2 only, completing at a + 2170 ≤
 * 15960: 12900..13700 (9), and the 29 failures: 58. Attempts = 58 ended + 89 retried = 147,
 * 147 / 58 ≈ 2.534 attempts per job.
 */
function outage(events: ScenarioEvent[] = []): PipelineDocument {
  return {
    ...pipeline(
      'Outage',
      [
        producer('p', { type: 'constant', ratePerSec: 10 }),
        queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 1010 } }),
        worker('w', { type: 'fixed', ms: 50 }, 10),
        queue('dlq'),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed', id: 'w->dlq' })],
    ),
    scenario: {
      events: [
        {
          id: 'down',
          name: 'Payment API down',
          nodeId: 'w',
          atMs: 10_000,
          durationMs: 5_000,
          change: { type: 'failureRate', failureRate: 1 },
        },
        ...events,
      ],
    },
  };
}

describe('a scenario in the simulator', () => {
  it('reports the hand-computed figures of a deterministic outage', () => {
    const summary = simulate(outage(), { durationMs: 30_000 });
    expect(summary.scenario).toEqual([
      {
        id: 'down',
        name: 'Payment API down',
        nodeId: 'w',
        change: 'failureRate',
        atMs: 10_000,
        endMs: 15_000,
        queues: ['q'],
        backlogBefore: 0,
        peakBacklog: 21,
        peakAtMs: 12_050,
        drainedAtMs: 15_960,
        drainMs: 960,
        attempts: 147,
        retries: 89,
        jobsEnded: 58,
        attemptsPerJob: 147 / 58,
        failed: 29,
        deadLettered: 29,
        firstFailedAtMs: 12_170,
        lastFailedAtMs: 14_970,
      },
    ]);
    const w = summary.nodes.w!;
    expect(w.kind === 'worker' && [w.failed, w.retried]).toEqual([29, 89]);
    expect(summary.nodes.q!.kind === 'queue' && summary.nodes.q!.delayed.max).toBe(21);
  });

  it('plays the other changes and restores the design at their end', () => {
    const doc = outage([
      {
        id: 'slow',
        nodeId: 'w',
        atMs: 20_000,
        durationMs: 1000,
        change: { type: 'slowdown', factor: 4 },
      },
      {
        id: 'spike',
        nodeId: 'p',
        atMs: 22_000,
        durationMs: 1000,
        change: { type: 'rate', ratePerSec: 100 },
      },
      { id: 'hold', nodeId: 'q', atMs: 24_000, durationMs: 1000, change: { type: 'pause' } },
      {
        id: 'down2',
        nodeId: 'w',
        atMs: 26_000,
        durationMs: 500,
        change: { type: 'replicas', replicas: 0 },
      },
    ]);
    const summary = simulate(doc, { durationMs: 30_000 });
    const byId = new Map(summary.scenario!.map((e) => [e.id, e]));
    // Slowdown: 50 ms → 200 ms, still under 10 slots: nothing waits.
    expect(byId.get('slow')).toMatchObject({ peakBacklog: 0, drainMs: 0, retries: 0 });
    // 100 jobs/s for 1 s, 50 ms each on 10 slots: capacity 200/s, so nothing waits either.
    expect(byId.get('spike')).toMatchObject({ peakBacklog: 0, drainMs: 0 });
    expect(summary.nodes.p!.kind === 'producer' && summary.nodes.p!.created).toBe(300 + 90);
    // Paused 1 s: the 10 jobs that arrive wait, then all start at once at 25000.
    expect(byId.get('hold')).toMatchObject({ peakBacklog: 10, drainedAtMs: 25_000, drainMs: 0 });
    // No replicas for 500 ms: 5 jobs wait (26000..26400), all start at 26500.
    expect(byId.get('down2')).toMatchObject({ peakBacklog: 5, drainedAtMs: 26_500, drainMs: 0 });
  });

  it('leaves an event that lasts to the end undrained, and skips one that never started', () => {
    const doc = outage([
      { id: 'late', nodeId: 'dlq', atMs: 60_000, change: { type: 'pause' } },
      { id: 'forever', nodeId: 'q', atMs: 28_000, change: { type: 'pause' } },
    ]);
    const summary = simulate(doc, { durationMs: 30_000 });
    expect(summary.scenario!.map((e) => e.id)).toEqual(['down', 'forever']);
    const forever = summary.scenario![1]!;
    expect(forever).toMatchObject({ backlogBefore: 0, peakBacklog: 20, peakAtMs: 29_900 });
    expect(forever.endMs).toBeUndefined();
    expect(forever.drainMs).toBeUndefined();
  });

  it('averages per-event figures over replications', () => {
    const summary = simulate(outage(), { durationMs: 30_000, replications: 3 });
    expect(summary.scenario![0]).toMatchObject({
      peakBacklog: 21,
      drainMs: 960,
      failed: 29,
      drainedIn: 3,
    });
  });

  it('has no scenario figures without a scenario', () => {
    const { scenario: _none, ...doc } = outage();
    expect(simulate(doc, { durationMs: 1000 }).scenario).toBeUndefined();
  });

  it('shows the replicas of an autoscaled worker in its snapshots', () => {
    const doc = outage();
    const w = doc.nodes[2]!;
    if (w.kind !== 'worker') throw new Error('worker expected');
    w.config.autoscale = {
      metric: 'waiting+delayed',
      targetPerReplica: 5,
      maxReplicas: 4,
      pollMs: 1000,
      cooldownMs: 3000,
    };
    const seen: number[] = [];
    new Simulation(doc, {
      durationMs: 30_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => seen.push((s.nodes.w as WorkerFigures).replicas ?? -1),
    }).run();
    expect(Math.max(...seen)).toBe(4);
    expect(seen[0]).toBe(1);
  });

  it('refuses a scenario it cannot play with the Problems panel words, not a RangeError', () => {
    const onQueue = outage([
      { id: 'q-down', nodeId: 'q', atMs: 1000, change: { type: 'failureRate', failureRate: 1 } },
    ]);
    expect(() => simulate(onQueue, { durationMs: 1000 })).toThrow(SimulationModelError);
    expect(() => simulate(onQueue, { durationMs: 1000 })).toThrow(
      'scenario event "q-down" changes the failure rate of queue "q", but only a worker has one',
    );
    const overlapping = outage([
      {
        id: 'down-again',
        nodeId: 'w',
        atMs: 12_000,
        change: { type: 'failureRate', failureRate: 0.5 },
      },
    ]);
    expect(() => simulate(overlapping, { durationMs: 1000 })).toThrow(
      /while scenario event "Payment API down" \(10 s to 15 s\) still does/,
    );
  });
});
