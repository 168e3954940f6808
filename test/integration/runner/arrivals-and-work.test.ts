import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ProducerFigures, WorkerFigures } from '../../../shared/metrics';
import { edge, pipeline, producer, queue, recordingService, until, worker } from './helpers';

const redisUrl = inject('redisUrl');
let env: ReturnType<typeof recordingService> | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const created = (id: string) =>
  (env!.last().nodes[id] as ProducerFigures | undefined)?.created ?? 0;

/** CPU time (ms) a process has used so far, from /proc (Linux). */
function cpuTimeMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
  return (ticks * 1000) / 100;
}

describe('load generators and synthetic work', () => {
  it('runs schedule producers as BullMQ job schedulers, bursts in batches, and honours limit', async () => {
    env = recordingService(redisUrl);
    const doc = pipeline(
      'arrivals',
      [
        producer('every', { arrival: { type: 'schedule', everyMs: 200 } }),
        producer('bursty', { arrival: { type: 'burst', size: 10, everyMs: 500 } }),
        producer('capped', { arrival: { type: 'constant', ratePerSec: 100 }, limit: 25 }),
        queue('q'),
        worker('w', { concurrency: 20, service: { type: 'fixed', ms: 1 } }),
      ],
      [edge('every', 'q'), edge('bursty', 'q'), edge('capped', 'q'), edge('q', 'w')],
    );
    const info = await env.service.start({ document: doc });
    await until(
      () => created('capped') === 25 && created('bursty') >= 30 && created('every') >= 5,
      'three bursts, five scheduled jobs and all 25 capped ones',
    );
    // Times are read from the run's own clock (the summary's duration), not ours.
    const result = await env.service.stop({ drain: true });
    const nodes = result.summary.nodes;
    const ranMs = result.summary.durationMs;
    const fires = (everyMs: number, ms: number) => Math.floor(ms / everyMs) + 1;
    // Every 200 ms: the scheduler fires at once, then every 200 ms (counted as they start, so
    // the one pending when the scheduler is removed does not count; ±2 for the clocks).
    const scheduled = (nodes.every as { created: number }).created;
    // BullMQ's scheduler keeps Redis's time, the snapshots the runner's: the lower bound is what
    // was waited for above, the upper one what the run's own duration allows.
    expect(scheduled).toBeGreaterThanOrEqual(5);
    expect(scheduled).toBeLessThanOrEqual(fires(200, ranMs) + 2);
    // Bursts of 10 at 0, 500, 1000 ms…: whole batches only.
    const bursty = (nodes.bursty as { created: number }).created;
    expect(bursty % 10).toBe(0);
    expect(bursty).toBeGreaterThanOrEqual(30);
    expect(bursty / 10).toBeLessThanOrEqual(fires(500, ranMs));
    expect(nodes.capped).toMatchObject({ created: 25 });
    const total = scheduled + bursty + 25;
    expect(nodes.q).toMatchObject({ enqueued: total });
    expect(nodes.w).toMatchObject({ completed: total });
    expect(env.logs.some((l) => /run started/.test(l.message))).toBe(true);
    expect(info.prefix).toContain(info.runId);
  });

  it('keeps a core busy for cpu work in threads while the runner keeps reporting on time', async () => {
    env = recordingService(redisUrl);
    const doc = pipeline(
      'cpu',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 8 } }),
        queue('q'),
        worker('w', { concurrency: 2, work: 'cpu', service: { type: 'fixed', ms: 100 } }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await env.service.start({ document: doc });
    const pid = env.service.runnerPid!;
    await until(() => env!.snapshots.length >= 2, 'snapshots');
    const cpuBefore = cpuTimeMs(pid);
    const doneBefore = (env.last().nodes.w as WorkerFigures).completed;
    const seen = env.snapshots.length;
    const doneSince = () => (env!.last().nodes.w as WorkerFigures).completed - doneBefore;
    // About 2 s of the run, counted in its own snapshots rather than on our clock.
    await until(
      () => env!.snapshots.length >= seen + 8 && doneSince() > 8,
      'eight snapshots and nine cpu jobs',
    );
    const done = doneSince();
    const cpu = cpuTimeMs(pid) - cpuBefore;
    // Each job spun a thread for 100 ms of wall time: mostly CPU, less when other processes
    // share the cores, and far above the ~0.1 ms of CPU an io job costs.
    expect(cpu).toBeGreaterThan(done * 100 * 0.2);
    // Snapshots kept their cadence: by their own timestamps, no gap much over the 250 ms interval.
    const recent = env.snapshots.slice(seen);
    const gaps = recent.slice(1).map((s, i) => s.snapshot.t - recent[i]!.snapshot.t);
    expect(Math.max(...gaps)).toBeLessThan(600);
    expect(created('p')).toBeGreaterThan(10);
  });
});
