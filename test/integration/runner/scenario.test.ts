import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli';
import type { PipelineDocument } from '../../../shared/document';
import type { ScenarioEventFigures, WorkerFigures } from '../../../shared/metrics';
import { simulate } from '../../../shared/simulation';
import {
  captureCli,
  edge,
  pipeline,
  producer,
  queue,
  recordingService,
  simplePipeline,
  worker,
} from './helpers';

const redisUrl = inject('redisUrl');
let env: ReturnType<typeof recordingService> | undefined;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await env?.close();
  env = undefined;
  for (const c of cleanups.splice(0)) await c();
});

/**
 * Issue 16's outage, played for real. One job every 200 ms from the run's start; 3 attempts with
 * a fixed 990 ms backoff; the worker (10 slots: nothing waits for one) takes exactly 50 ms; a job
 * failing for good goes to a dead-letter queue; failure rate 1 from 3 s to 8 s.
 *
 * Job a (a ≡ 0 mod 200) ends attempt 1 at a + 50, attempt 2 at a + 1090, attempt 3 at a + 2130:
 * residues 50, 90 and 130 mod 200, while the outage's bounds are ≡ 0. So every attempt ends at
 * least 50 ms after a bound and 70 ms before the next: the few ms BullMQ takes to promote a
 * delayed job and hand it over (and a timer firing late) move no attempt across a bound, and the
 * counts are exact (no randomness: the failure rate is 0 or 1).
 *   retried once:  a + 50 ∈ [3000, 8000)    → a = 3000..7800: 25 jobs
 *   retried twice: a + 1090 < 8000           → a = 3000..6800: 20 jobs (45 retries)
 *   failed for good, dead-lettered: a + 2130 < 8000 → a = 3000..5800: 15 jobs
 * Backlog (all delayed): 10 at the plateau; the last retry leaves at 6800 + 2080 = 8880 (drain
 * 880 ms). Peak and drain are read from Redis every 25 ms, so they may differ by a job in flight
 * (a new arrival still in the wait list, a due job not yet promoted) and a poll's period.
 */
function outage(): PipelineDocument {
  return {
    ...pipeline(
      'Outage',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 5 } }),
        queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 990 } }),
        worker('w', { concurrency: 10, service: { type: 'fixed', ms: 50 } }),
        queue('dlq'),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed' })],
    ),
    scenario: {
      events: [
        {
          id: 'down',
          name: 'API down',
          nodeId: 'w',
          atMs: 3000,
          durationMs: 5000,
          change: { type: 'failureRate', failureRate: 1 },
        },
      ],
    },
  };
}

const within = (measured: number, simulated: number, share: number) =>
  expect(Math.abs(measured - simulated)).toBeLessThanOrEqual(share * simulated);

describe('a scenario in a real run', () => {
  it('plays an outage and agrees with the simulator: peak and drain within 15 %, DLQ exactly', async () => {
    const doc = outage();
    env = recordingService(redisUrl);
    await env.service.start({ document: doc, durationMs: 10_000 });
    const { summary } = await env.service.whenStopped();

    const simulated = simulate(doc, { durationMs: summary.durationMs });
    const sim = simulated.scenario![0]!;
    expect(sim).toMatchObject({ peakBacklog: 10, drainMs: 880, retries: 45, deadLettered: 15 });
    const real: ScenarioEventFigures = summary.scenario![0]!;
    expect(real).toMatchObject({ id: 'down', nodeId: 'w', queues: ['q'], endMs: 8000 });
    expect(real.backlogBefore).toBeLessThanOrEqual(1);
    within(real.peakBacklog, sim.peakBacklog, 0.15);
    within(real.drainMs!, sim.drainMs!, 0.15);
    expect([real.retries, real.failed, real.deadLettered]).toEqual([45, 15, 15]);
    within(real.attemptsPerJob, sim.attemptsPerJob, 0.15);
    // The first job to fail for good arrived at 3000: its third attempt ends at 5130.
    within(real.firstFailedAtMs!, 5130, 0.02);
    const w = summary.nodes.w!;
    expect(w.kind === 'worker' && [w.failed, w.retried]).toEqual([15, 45]);
    expect(env.logs.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        'scenario event "API down" began: failure rate 100%',
        'scenario event "API down" ended: failure rate 0%',
      ]),
    );
    // The report's prediction plays the same scenario.
    const report = env.service.report();
    expect(report.prediction!.scenario![0]).toMatchObject({ deadLettered: 15, peakBacklog: 10 });
  }, 30_000);

  it('runs an autoscaler that follows its policy against a real backlog', async () => {
    // 12 jobs/s into a queue paused for its first 2.5 s: the wait list holds ~12 at the poll at
    // 1 s (→ 2 replicas) and ~24 at 2 s (→ 3). Resumed, 3 × 5 slots of 50 ms empty it at once:
    // the polls from 3 s want 1, but the cooldown (2.5 s) keeps 3 until the poll at 5 s, whose
    // window no longer holds the one at 2 s. New replicas serve 300 ms after their poll.
    const doc = pipeline(
      'Autoscaled',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 12 } }),
        queue('q'),
        worker('w', {
          concurrency: 5,
          service: { type: 'fixed', ms: 50 },
          autoscale: {
            metric: 'waiting',
            targetPerReplica: 10,
            maxReplicas: 5,
            pollMs: 1000,
            cooldownMs: 2500,
            startupMs: 300,
          },
        }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    doc.scenario = {
      events: [{ id: 'hold', nodeId: 'q', atMs: 0, durationMs: 2500, change: { type: 'pause' } }],
    };
    env = recordingService(redisUrl);
    await env.service.start({ document: doc, durationMs: 6500 });
    const { summary } = await env.service.whenStopped();

    const replicasAt = env.snapshots.map((s) => {
      const f = s.snapshot.nodes.w as WorkerFigures;
      return { t: s.snapshot.t, replicas: f.replicas, starting: f.startingReplicas };
    });
    const expected = (t: number) => (t < 1300 ? 1 : t < 2300 ? 2 : t < 5000 ? 3 : 1);
    const clear = replicasAt.filter(({ t }) =>
      [1000, 1300, 2000, 2300, 5000].every((edge) => Math.abs(t - edge) > 150),
    );
    expect(clear.length).toBeGreaterThan(15);
    for (const { t, replicas } of clear)
      expect({ t, replicas }).toEqual({ t, replicas: expected(t) });
    // Between a poll and the start-up delay's end, the new replica is starting.
    const starting = replicasAt.filter(({ t }) => t > 1050 && t < 1250);
    expect(starting.map((s) => s.starting)).toEqual(starting.map(() => 1));
    const scaled = env.logs.filter((l) => l.message.startsWith('autoscaler of worker "w"'));
    expect(scaled.map((l) => l.message.replace(/waiting \d+/, 'waiting N'))).toEqual([
      'autoscaler of worker "w": waiting N → 2 replicas (was 1)',
      'autoscaler of worker "w": waiting N → 3 replicas (was 2)',
      'autoscaler of worker "w": waiting N → 1 replicas (was 3)',
    ]);

    const w = summary.nodes.w!;
    const sim = simulate(doc, { durationMs: summary.durationMs }).nodes.w!;
    if (w.kind !== 'worker' || sim.kind !== 'worker') throw new Error('not a worker');
    expect(w.autoscale).toMatchObject({ scaleUps: 2, scaleDowns: 1, replicas: { min: 1, max: 3 } });
    expect(sim.autoscale).toMatchObject({ scaleUps: 2, scaleDowns: 1 });
    within(w.autoscale!.replicaSeconds, sim.autoscale!.replicaSeconds, 0.05);
  }, 30_000);

  it('pipewright run --scenario FILE plays that scenario and prints its per-event figures', async () => {
    const cli = captureCli(cleanups);
    writeFileSync(join(cli.io.cwd, 'p.json'), JSON.stringify(simplePipeline({ rate: 20 })));
    const hold = { id: 'hold', name: 'Hold', nodeId: 'q', atMs: 500, durationMs: 500 };
    writeFileSync(
      join(cli.io.cwd, 's.json'),
      JSON.stringify({ events: [{ ...hold, change: { type: 'pause' } }] }),
    );
    const args = ['run', 'p.json', '--redis', redisUrl, '--duration', '2s'];
    expect(await main([...args, '--scenario', 's.json'], cli.io)).toBe(0);
    const out = cli.out.join('\n');
    // 20 jobs/s held for 0.5 s: about 10 wait, and go at once on resume.
    const row = /^Hold\s+"q" paused\s+(\S+) ms\s+1 s\s+(\d+)\s+(\d+) \(/m.exec(out);
    expect(row, out).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThanOrEqual(500);
    expect(Number(row![3])).toBeGreaterThanOrEqual(8);
    expect(Number(row![3])).toBeLessThanOrEqual(12);
    expect(out).toMatch(/scenario: backlog = waiting \+ delayed jobs/);

    writeFileSync(
      join(cli.io.cwd, 'bad.json'),
      JSON.stringify({ events: [{ ...hold, nodeId: 'nope', change: { type: 'pause' } }] }),
    );
    expect(await main([...args, '--scenario', 'bad.json'], cli.io)).toBe(1);
    expect(cli.err.join('\n')).toMatch(/^p\.json with bad\.json: .*"nope"/m);
  }, 30_000);
});
