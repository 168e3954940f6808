import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli';
import { predictCalibrated } from '../../../shared/calibration';
import type { CalibrationReport } from '../../../shared/calibration/observations';
import type { PipelineDocument } from '../../../shared/document';
import { mean, startDeployment, type DeploymentSpec } from '../../helpers/bullmq-deployment';
import { captureCli, freshPrefix, sleep } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two stages at about 80 % utilisation: enough queueing for a mean wait worth predicting. */
const deploymentSpec = (prefix: string): DeploymentSpec => ({
  url: redisUrl,
  prefix,
  ratePerSec: 60,
  jobName: 'signup',
  seed: 3,
  a: {
    queue: 'signups',
    concurrency: 6,
    service: { type: 'lognormal', meanMs: 80, stdDevMs: 25 },
    failureRate: 0,
  },
  b: {
    queue: 'emails',
    concurrency: 4,
    service: { type: 'lognormal', meanMs: 50, stdDevMs: 15 },
    failureRate: 0.1,
    workerName: 'mailer',
  },
  jobOptions: { attempts: 3, backoff: { type: 'exponential', delay: 50 } },
});

// Soft: one run shows every figure that misses, not only the first.
const within = (actual: number, expected: number, fraction: number) => {
  expect
    .soft(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`)
    .toBeLessThanOrEqual(fraction);
};

describe('import recovers a BullMQ deployment it never saw, and predicts it', () => {
  it('rates, service means, failures, retry options, the A→B edge, concurrency; predicted wait and throughput', async () => {
    const prefix = freshPrefix();
    const spec = deploymentSpec(prefix);
    const deployment = await startDeployment(spec);
    cleanups.push(() => deployment.clean());
    cleanups.push(() => deployment.stop());
    await sleep(20_000);
    const cli = captureCli(cleanups);
    const code = await main(
      ['import', '--redis', redisUrl, '--prefix', prefix, '--listen', '4s'].concat([
        '--out',
        'deployment.json',
        '--report',
        'report.json',
      ]),
      cli.io,
    );
    await deployment.stop();
    expect(cli.err).toEqual([]);
    expect(code).toBe(0);
    const doc = JSON.parse(
      readFileSync(join(cli.io.cwd, 'deployment.json'), 'utf8'),
    ) as PipelineDocument;
    const report = JSON.parse(
      readFileSync(join(cli.io.cwd, 'report.json'), 'utf8'),
    ) as CalibrationReport;
    const node = (kind: string, name: string) =>
      doc.nodes.find((n) => n.kind === kind && n.name === name)!;
    const config = (kind: string, name: string) =>
      node(kind, name).config as unknown as Record<string, unknown>;

    // Arrivals into A: Poisson at the known rate.
    const producer = doc.nodes.find(
      (n) => n.kind === 'producer' && doc.edges.some((e) => e.from === n.id && e.to === 'signups'),
    )!;
    const arrival = (producer.config as { arrival: { type: string; ratePerSec: number } }).arrival;
    expect.soft(arrival.type).toBe('poisson');
    within(arrival.ratePerSec, spec.ratePerSec, 0.05);

    // Service means, against what the workers really spent (a loaded machine oversleeps timers).
    const m = deployment.measured;
    const serviceMean = (name: string) =>
      (config('worker', name).service as { meanMs: number }).meanMs;
    within(serviceMean('signups worker'), mean(m.a.spentMs), 0.05);
    within(serviceMean('emails worker'), mean(m.b.spentMs), 0.05);

    // Failure rate per attempt within 1 point; retry options exactly; concurrency.
    const failureRate = (name: string) => config('worker', name).failureRate as number;
    expect.soft(Math.abs(failureRate('emails worker') - 0.1)).toBeLessThanOrEqual(0.01);
    expect.soft(failureRate('signups worker') ?? 0).toBeLessThanOrEqual(0.01);
    for (const queue of ['signups', 'emails']) {
      expect.soft(config('queue', queue).attempts).toBe(3);
      expect.soft(config('queue', queue).backoff).toEqual({ type: 'exponential', delayMs: 50 });
    }
    expect.soft(config('worker', 'signups worker').concurrency).toBe(6);
    expect.soft(config('worker', 'emails worker').concurrency).toBe(4);

    // The A→B edge: A's worker feeds B, inferred, with its evidence.
    const edge = doc.edges.find((e) => e.from === node('worker', 'signups worker').id)!;
    expect.soft(edge.to).toBe('emails');
    expect.soft(edge.probability ?? 1).toBeGreaterThanOrEqual(0.95);
    expect
      .soft(report.inferredEdges.map((e) => [e.from, e.to]))
      .toContainEqual(['signups', 'emails']);

    // Predict what was imported: simulated mean wait within 15 %, throughput within 5 % of what
    // the deployment itself measured.
    const rows = predictCalibrated({ document: doc, report });
    const predicted = (nodeName: string, figure: string) =>
      rows.find((r) => r.name === nodeName && r.figure === figure)!.predicted;
    const seconds = (deployment.stoppedAt! - deployment.startedAt) / 1000;
    within(predicted('signups', 'mean wait ms'), mean(m.a.waitsMs), 0.15);
    within(predicted('emails', 'mean wait ms'), mean(m.b.waitsMs), 0.15);
    within(predicted('signups worker', 'throughput jobs/s'), m.a.completed / seconds, 0.05);
  });
});
