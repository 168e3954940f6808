import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ProducerFigures, WorkerFigures } from '../../../shared/metrics';
import { edge, pipeline, producer, queue, recordingService, sleep, until, worker } from './helpers';

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
    await sleep(1350);
    const result = await env.service.stop({ drain: true });
    const nodes = result.summary.nodes;
    // every 200 ms for ~1.35 s: the scheduler fires at once, then every 200 ms (counted as they
    // start, so the one pending when the scheduler is removed does not count).
    const scheduled = (nodes.every as { created: number }).created;
    expect(scheduled).toBeGreaterThanOrEqual(5);
    expect(scheduled).toBeLessThanOrEqual(9);
    // Bursts of 10 at 0, 500 and 1000 ms.
    expect(nodes.bursty).toMatchObject({ created: 30 });
    expect(nodes.capped).toMatchObject({ created: 25 });
    const total = scheduled + 30 + 25;
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
    await sleep(2000);
    const done = (env.last().nodes.w as WorkerFigures).completed - doneBefore;
    const cpu = cpuTimeMs(pid) - cpuBefore;
    expect(done).toBeGreaterThan(8);
    // Each job spun a thread for 100 ms of wall time: mostly CPU, less when other processes
    // share the cores, and far above the ~0.1 ms of CPU an io job costs.
    expect(cpu).toBeGreaterThan(done * 100 * 0.2);
    // Snapshots kept their cadence: about 8 in 2 s, no gap much over the 250 ms interval.
    const recent = env.snapshots.slice(seen);
    expect(recent.length).toBeGreaterThanOrEqual(6);
    const gaps = recent.slice(1).map((s, i) => s.snapshot.t - recent[i]!.snapshot.t);
    expect(Math.max(...gaps)).toBeLessThan(600);
    expect(created('p')).toBeGreaterThan(10);
  });
});
