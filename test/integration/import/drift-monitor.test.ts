import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { MonitorSnapshot } from '../../../shared/api/contract';
import type { DriftFlag } from '../../../shared/calibration';
import { importDeployment } from '../../../main/services/import-redis';
import { MonitorService } from '../../../main/services/runs/monitor';
import { startDeployment, type DeploymentSpec } from '../../helpers/bullmq-deployment';
import { freshPrefix, until, writesSoFar } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Signups → emails, both light (no queueing), emails' mean service time 40 ms. */
const spec = (prefix: string): DeploymentSpec => ({
  url: redisUrl,
  prefix,
  ratePerSec: 40,
  jobName: 'signup',
  seed: 5,
  a: {
    queue: 'signups',
    concurrency: 6,
    service: { type: 'exponential', meanMs: 40 },
    failureRate: 0,
  },
  b: {
    queue: 'emails',
    concurrency: 8,
    service: { type: 'exponential', meanMs: 40 },
    failureRate: 0,
  },
  jobOptions: { attempts: 1 },
});

describe('monitor mode keeps an imported model calibrated', () => {
  it('flags the emails worker’s service time once it doubles, and clears it when it is back', async () => {
    const prefix = freshPrefix();
    const deployment = await startDeployment(spec(prefix));
    cleanups.push(() => deployment.clean());
    cleanups.push(() => deployment.stop());
    await until(() => deployment.measured.b.completed >= 200, '200 emails sent', 30_000);

    // Import (calibrate) the running deployment, as `pipewright import` and the app do.
    const imported = await importDeployment({ url: redisUrl, prefix, listenMs: 0 });
    const doc = imported.result.document;
    const emailsWorker = imported.result.report.values.find(
      (v) =>
        v.field === 'service' && doc.nodes.find((n) => n.id === v.nodeId)?.name === 'emails worker',
    )!;
    expect(emailsWorker.estimate!).toBeGreaterThan(30);
    expect(emailsWorker.estimate!).toBeLessThan(54);

    const monitor = new MonitorService({
      defaultUrl: () => redisUrl,
      intervalMs: 200,
      // The newest 300 jobs per state (~7.5 s at 40/s) within the last minute, every second.
      refit: { everyMs: 1000, windowMs: 60_000, limitPerQueue: 300, confirmAfter: 2 },
    });
    cleanups.push(() => monitor.close());
    const snapshots: MonitorSnapshot[] = [];
    monitor.onSnapshot((s) => snapshots.push(s));
    // The document travels as the renderer sends it: plain JSON.
    await monitor.start({ prefix, document: JSON.parse(JSON.stringify(doc)) });

    // Before the change: three refits agree with the import, and the snapshots say so.
    await until(() => monitor.refits.length >= 3, 'three refits', 20_000);
    const beforeChange = snapshots.length;
    expect(beforeChange).toBeGreaterThan(0);
    for (const s of snapshots) expect(s.drift).toEqual([]);
    expect(monitor.refits.every((r) => r.flagged === 0)).toBe(true);

    // The deployment changes: the emails worker restarts twice as slow.
    const changedAt = Date.now();
    await deployment.restartWorker('b', { service: { type: 'exponential', meanMs: 80 } });
    const serviceFlag = (s: MonitorSnapshot): DriftFlag | undefined =>
      s.drift?.find((f) => f.nodeId === emailsWorker.nodeId && f.field === 'service');
    await until(
      () => snapshots.slice(beforeChange).some((s) => serviceFlag(s) !== undefined),
      'a drift flag on the emails worker’s service time',
      30_000,
    );
    const flagged = snapshots.slice(beforeChange).find((s) => serviceFlag(s))!;
    const flag = serviceFlag(flagged)!;
    const flaggedAfterMs = Date.now() - changedAt;
    expect(flag.before).toBeCloseTo(emailsWorker.estimate!, 6);
    expect(flag.after).toBeGreaterThan(flag.before);
    expect(flag.changePercent!).toBeGreaterThan(0);
    expect(flag.message).toMatch(
      /^mean service time moved from [\d.]+ ms to [\d.]+ ms, beyond its 95 % interval \(±[\d.]+ ms\)$/,
    );
    // Only the worker that changed is flagged.
    expect(flagged.drift!.map((f) => f.nodeId)).toEqual([emailsWorker.nodeId]);

    // Back to 40 ms: once the slow jobs leave the window, the refit agrees and the flag clears.
    const restoredAt = Date.now();
    await deployment.restartWorker('b', { service: { type: 'exponential', meanMs: 40 } });
    const afterRestore = snapshots.length;
    await until(
      () =>
        snapshots.slice(afterRestore).some((s) => s.drift !== undefined && s.drift.length === 0),
      'the drift flag to clear',
      40_000,
    );
    const clearedAfterMs = Date.now() - restoredAt;

    // The refits only read: with the deployment stopped, two more refits write nothing.
    await deployment.stop();
    const client = new Redis(redisUrl);
    cleanups.push(async () => client.disconnect());
    const writes = await writesSoFar(client);
    const refitsSoFar = monitor.refits.at(-1)!.at;
    await until(
      () => monitor.refits.filter((r) => r.at > refitsSoFar).length >= 2,
      'two more refits',
      20_000,
    );
    expect(await writesSoFar(client)).toBe(writes);

    const costs = monitor.refits.map((r) => r.durationMs).sort((a, b) => a - b);
    console.info(
      `drift: flagged ${flaggedAfterMs} ms after the change (${flag.message}); cleared ` +
        `${clearedAfterMs} ms after the restore; refit cost median ${costs[costs.length >> 1]} ms, ` +
        `max ${costs.at(-1)} ms, ~${monitor.refits.at(-1)!.jobs} jobs per refit`,
    );
  });
});
