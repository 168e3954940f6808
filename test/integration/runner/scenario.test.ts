import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli';
import type { QueueFigures, ScenarioEventFigures, WorkerFigures } from '../../../shared/metrics';
import { simulate } from '../../../shared/simulation';
import { captureCli, recordingService, simplePipeline, until } from './helpers';
import { autoscaled, outage } from './scenario-documents';

const redisUrl = inject('redisUrl');
let env: ReturnType<typeof recordingService> | undefined;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await env?.close();
  env = undefined;
  for (const c of cleanups.splice(0)) await c();
});

const within = (measured: number, simulated: number, share: number) =>
  expect(Math.abs(measured - simulated)).toBeLessThanOrEqual(share * simulated);

describe('a scenario in a real run', () => {
  it('plays an outage and agrees with the simulator: peak and drain within 15 %, DLQ exactly', async () => {
    const doc = outage();
    env = recordingService(redisUrl);
    await env.service.start({ document: doc, durationMs: 11_000 });
    const { summary } = await env.service.whenStopped();

    const simulated = simulate(doc, { durationMs: summary.durationMs });
    const sim = simulated.scenario![0]!;
    expect(sim).toMatchObject({ peakBacklog: 11, drainMs: 1800, retries: 23, deadLettered: 4 });
    const real: ScenarioEventFigures = summary.scenario![0]!;
    expect(real).toMatchObject({ id: 'down', nodeId: 'w', queues: ['q'], endMs: 8000 });
    expect(real.backlogBefore).toBe(0);
    within(real.peakBacklog, sim.peakBacklog, 0.15);
    within(real.drainMs!, sim.drainMs!, 0.15);
    expect([real.retries, real.failed, real.deadLettered]).toEqual([23, 4, 4]);
    within(real.attemptsPerJob, sim.attemptsPerJob, 0.15);
    // The first job to fail for good arrived at 2400: its third attempt ends at 6650 (modelled).
    expect(sim.firstFailedAtMs).toBe(6650);
    within(real.firstFailedAtMs!, 6650, 0.05);
    const w = summary.nodes.w!;
    expect(w.kind === 'worker' && [w.failed, w.retried]).toEqual([4, 23]);
    expect(env.logs.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        'scenario event "API down" began: failure rate 100%',
        'scenario event "API down" ended: failure rate 0%',
      ]),
    );
    // The report's prediction plays the same scenario.
    const report = env.service.report();
    expect(report.prediction!.scenario![0]).toMatchObject({ deadLettered: 4, peakBacklog: 11 });
  }, 30_000);

  it('runs an autoscaler that follows its policy against a real backlog', async () => {
    const doc = autoscaled();
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
      'autoscaler of worker "w": waiting N → 1 replica (was 3)',
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
    const row = /^Hold\s+paused on "q"\s+(\S+) ms\s+1 s\s+(\d+)\s+(\d+) \(/m.exec(out);
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

  it('carries a scenario on after a runner crash: past events apply at once, later ones are measured', async () => {
    const doc = simplePipeline({ rate: 20 });
    doc.scenario = {
      events: [
        { id: 'hold', nodeId: 'q', atMs: 500, durationMs: 3500, change: { type: 'pause' } },
        {
          id: 'slow',
          nodeId: 'w',
          atMs: 5000,
          durationMs: 1000,
          change: { type: 'slowdown', factor: 4 },
        },
      ],
    };
    env = recordingService(redisUrl);
    await env.service.start({ document: doc });
    const paused = (s: { snapshot: { nodes: Record<string, unknown> } }) =>
      (s.snapshot.nodes.q as QueueFigures | undefined)?.paused === true;
    await until(() => env!.snapshots.some(paused), 'the queue paused by the scenario');
    const crashed = env.nextStatus((s) => s.state === 'crashed');
    process.kill(env.service.runnerPid!, 'SIGKILL');
    await crashed;
    await env.service.restart();
    const seen = env.snapshots.length;
    // The new runner starts from the design (not paused), so it pauses the queue again at once.
    await until(() => env!.snapshots.slice(seen).some(paused), 'the pause applied again');
    await until(() => env!.last().t > 4300 && !paused(env!.snapshots.at(-1)!), 'the resume at 4 s');
    await until(() => env!.last().t > 6500, 'the slowdown over');
    const { summary } = await env.service.stop();
    // The slowdown (4 × 5 ms on 4 slots at 20 jobs/s) raises no backlog; the pause began before
    // the crash, so the new runner has no figures for it.
    expect(summary.scenario!.map((e) => e.id)).toEqual(['slow']);
    expect(summary.scenario![0]).toMatchObject({ atMs: expect.any(Number), endMs: 6000 });
    expect(summary.scenario![0]!.atMs).toBeGreaterThanOrEqual(5000);
    const began = env.logs.filter((l) => /^scenario event "hold" began/.test(l.message));
    expect(began).toHaveLength(2);
  }, 30_000);
});
