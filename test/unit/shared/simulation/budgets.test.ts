import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../shared/simulation/engine';
import {
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_JOBS_IN_SYSTEM,
} from '../../../../shared/simulation/options';
import { simulate, simulateAsync } from '../../../../shared/simulation/run';
import { sweep } from '../../../../shared/simulation/sweep';
import {
  createSimulationHost,
  type SimulationMessage,
} from '../../../../shared/simulation/worker-host';
import { validateDocument } from '../../../../shared/validation';
import { edge, flood, mmc, pipeline, producer, queue, worker, zeroTimeLoop } from './documents';

/**
 * Issue 11 §1: no valid document may hang the simulator or exhaust memory. Each case below ran
 * for ever (or to gigabytes) before the budgets; now it stops early and says why.
 */

/** Each job of `fan` adds two to `fanned`, whose worker sends every job back: jobs multiply. */
const fanOut = () =>
  pipeline(
    'fan-out',
    [
      producer('p', { type: 'poisson', ratePerSec: 10 }),
      queue('in'),
      worker('fan', { type: 'fixed', ms: 10 }, 50),
      queue('fanned'),
      worker('back', { type: 'fixed', ms: 10 }, 50),
    ],
    [
      edge('p', 'in'),
      edge('in', 'fan'),
      edge('fan', 'fanned'),
      edge('fan', 'fanned', { id: 'fan->fanned#2' }),
      edge('fanned', 'back'),
      edge('back', 'in'),
    ],
  );

describe('simulation budgets', () => {
  it('stops a flood at the memory bound and names the queue that grew, and how fast', () => {
    const sim = new Simulation(flood());
    const summary = sim.run();
    const stop = summary.stoppedEarly!;
    expect(stop).toMatchObject({
      reason: 'jobs',
      jobsInSystem: DEFAULT_MAX_JOBS_IN_SYSTEM + 1,
      replication: 1,
    });
    // One job a microsecond; the worker has taken 3 of them by the stop.
    expect(stop.atMs).toBeCloseTo(DEFAULT_MAX_JOBS_IN_SYSTEM / 1000, 0);
    expect(stop.growingQueues).toHaveLength(1);
    expect(stop.growingQueues[0]).toMatchObject({ id: 'q', name: 'q', depth: 2_097_152 });
    expect(stop.growingQueues[0]!.growthPerSec).toBeCloseTo(1_000_000, -3);
    expect(stop.message).toBe(
      'Stopped early at 2.1 s of 10 min: more than 2,097,152 jobs were in the model at once ' +
        '(its memory bound). A queue that grows ' +
        'without bound never reaches the horizon: give its workers more capacity, send fewer ' +
        'jobs, or simulate a shorter span.',
    );
    // The queue's verdict says so, though 2 s are too short for the backlog trend alone.
    expect(summary.nodes.q).toMatchObject({ verdict: 'growing' });
    // The figures cover the span before the stop.
    expect(summary.durationMs).toBe(stop.atMs);
    expect(summary.nodes.p).toMatchObject({ created: 2_097_155 });
  });

  it('stops a zero-time loop when simulated time stalls, naming the loop and the time', () => {
    const summary = simulate(zeroTimeLoop(), { durationMs: 1000, maxEventsAtOneInstant: 50_000 });
    expect(summary.stoppedEarly).toMatchObject({
      reason: 'stalled',
      loopWorkers: ['w'],
      jobsInSystem: 1,
      growingQueues: [],
    });
    // The first arrival (poisson, seed 1) starts the loop; time never passes it.
    const first = summary.stoppedEarly!.atMs;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(1000);
    expect(summary.stoppedEarly!.message).toMatch(
      /^Stopped early at [\d.]+ ms of 1 s: simulated time stopped advancing \(50,000 events at one instant\)\. Workers "w" kept finishing jobs at that instant/,
    );
    // And validation says so before anyone simulates.
    expect(validateDocument(zeroTimeLoop()).filter((d) => d.rule === 'endless-loop')).toEqual([
      expect.objectContaining({ severity: 'error', nodeId: 'w' }),
    ]);
  });

  it('stops a branching fan-out at the memory bound with both queues listed', () => {
    const summary = simulate(fanOut(), { maxJobsInSystem: 200_000 });
    const stop = summary.stoppedEarly!;
    expect(stop.reason).toBe('jobs');
    expect(stop.jobsInSystem).toBe(200_001);
    expect(stop.growingQueues.map((q) => q.id)).toEqual(['fanned', 'in']);
    expect(stop.growingQueues[0]!.depth).toBeGreaterThan(150_000);
    expect(stop.atMs).toBeLessThan(600_000);
  });

  it('stops a valid, finding-free high-load document at its event budget', () => {
    // 20,000 jobs/s into 4,000 slots of 100 ms (ρ = 0.5): fine, just a lot of events.
    const doc = mmc(20_000, { type: 'exponential', meanMs: 100 }, 4000);
    expect(validateDocument(doc)).toEqual([]);
    const summary = simulate(doc, { maxEvents: 400_000 });
    expect(summary.stoppedEarly).toMatchObject({ reason: 'events', events: 400_000 });
    // About two events a job (arrival, completion): 10 s of simulated time.
    expect(summary.stoppedEarly!.atMs).toBeGreaterThan(9_000);
    expect(summary.stoppedEarly!.atMs).toBeLessThan(11_000);
    expect(summary.stoppedEarly!.growingQueues).toEqual([]);
    expect(summary.stoppedEarly!.message).toMatch(
      /^Stopped early at [\d.]+ s of 10 min: the run used its budget of 400,000 events\. Simulate a shorter span/,
    );
    expect(DEFAULT_MAX_EVENTS).toBe(50_000_000);
  });

  it('caps a single burst larger than the memory bound instead of allocating it all', () => {
    const doc = pipeline(
      'burst',
      [
        producer('p', { type: 'burst', size: 5_000_000, everyMs: 60_000 }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 10 }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    const summary = simulate(doc, { maxJobsInSystem: 100_000 });
    expect(summary.stoppedEarly).toMatchObject({ reason: 'jobs', atMs: 0, jobsInSystem: 100_001 });
    expect(summary.nodes.p).toMatchObject({ created: 100_001 });
  });

  it('counts a huge burst to no queue at once instead of job by job (found by the fuzz run)', () => {
    const doc = pipeline(
      'burst to nowhere',
      [producer('p', { type: 'burst', size: 10_000_000, everyMs: 1 }), queue('q')],
      [],
    );
    const summary = simulate(doc, { durationMs: 60_000 });
    expect(summary.stoppedEarly).toBeUndefined();
    expect(summary.nodes.p).toMatchObject({ created: 10_000_000 * 60_000 });
  });

  it('ends a series of replications at the first that stops, and says which', () => {
    const summary = simulate(flood(), { replications: 5, maxJobsInSystem: 50_000 });
    expect(summary.replications).toBeUndefined();
    expect(summary.stoppedEarly).toMatchObject({ reason: 'jobs', replication: 1 });
    expect(summary.seed).toBe(1);
  });

  it('leaves a run that fits its budgets alone', () => {
    const summary = simulate(mmc(8, { type: 'exponential', meanMs: 100 }, 1), { jobs: 20_000 });
    expect(summary.stoppedEarly).toBeUndefined();
    expect(summary.nodes.p).toMatchObject({ created: 20_000 });
  });

  it('gives the in-app (async, Web Worker) simulation the same budgets and reports the stop', async () => {
    const async = await simulateAsync(flood(), { maxJobsInSystem: 30_000 }, { sliceEvents: 5000 });
    expect(async.stoppedEarly).toMatchObject({ reason: 'jobs', jobsInSystem: 30_001 });
    const messages: SimulationMessage[] = [];
    const host = createSimulationHost((m) => messages.push(m));
    host({ type: 'start', runId: 1, document: zeroTimeLoop(), options: { durationMs: 1000 } });
    await expect.poll(() => messages.at(-1)?.type, { timeout: 20_000 }).toBe('done');
    const done = messages.at(-1) as Extract<SimulationMessage, { type: 'done' }>;
    expect(done.summary.stoppedEarly).toMatchObject({ reason: 'stalled', loopWorkers: ['w'] });
  });

  it('marks a what-if point that stops early, and runs the others to the end', () => {
    const doc = mmc(50, { type: 'fixed', ms: 100 }, 1);
    const result = sweep(doc, { kind: 'concurrency', workerId: 'w' }, [1, 10], {
      durationMs: 600_000,
      maxJobsInSystem: 10_000,
      replications: 2,
    });
    expect(result.points[0]!.summary.stoppedEarly).toMatchObject({ reason: 'jobs' });
    expect(result.points[1]!.summary.stoppedEarly).toBeUndefined();
  });
});
