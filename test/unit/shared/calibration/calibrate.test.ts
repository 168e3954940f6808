import { describe, expect, it } from 'vitest';
import { calibrate, predictCalibrated } from '../../../../shared/calibration';
import {
  parseDocumentValue,
  serializeDocument,
  type PipelineDocument,
} from '../../../../shared/document';
import { validateDocument } from '../../../../shared/validation';
import { chainDocument, observe } from './synthetic';

/** Two stages: signups (Poisson 20/s) → A (exp 100 ms, 5 slots, 10 % failures, 3 attempts) → B. */
const TWO_STAGES = chainDocument('signup', { type: 'poisson', ratePerSec: 20 }, [
  {
    queue: 'accounts',
    config: { attempts: 3, backoff: { type: 'fixed', delayMs: 200 } },
    worker: {
      concurrency: 5,
      replicas: 1,
      service: { type: 'exponential', meanMs: 100 },
      failureRate: 0.1,
    },
  },
  {
    queue: 'emails',
    worker: {
      concurrency: 4,
      replicas: 2,
      service: { type: 'lognormal', meanMs: 150, stdDevMs: 60 },
    },
  },
]);

const node = (doc: PipelineDocument, name: string) => doc.nodes.find((n) => n.name === name)!;

describe('calibrate', () => {
  // 10 simulated minutes: ~12,000 jobs per stage, so rates and means are known to about 1-2 %.
  const observations = observe(TWO_STAGES, { durationMs: 600_000 });

  it('rebuilds the two stages, their options and the edge between them', async () => {
    const { document, report } = await calibrate(observations);
    expect(parseDocumentValue(JSON.parse(serializeDocument(document))).ok).toBe(true);
    expect(validateDocument(document)).toEqual([]);
    expect(document.nodes.map((n) => `${n.kind}:${n.name}`).sort()).toEqual([
      'producer:signup',
      'queue:accounts',
      'queue:emails',
      'worker:accounts worker',
      'worker:emails worker',
    ]);
    const signup = node(document, 'signup');
    expect(signup.kind === 'producer' && signup.config.arrival.type).toBe('poisson');
    const rate =
      signup.kind === 'producer' && signup.config.arrival.type === 'poisson'
        ? signup.config.arrival.ratePerSec
        : 0;
    expect(rate).toBeGreaterThan(19.4);
    expect(rate).toBeLessThan(20.6);
    const accounts = node(document, 'accounts');
    expect(accounts.config).toEqual({ attempts: 3, backoff: { type: 'fixed', delayMs: 200 } });
    const a = node(document, 'accounts worker');
    if (a.kind !== 'worker') throw new Error('not a worker');
    expect(a.config.service.type).toBe('exponential');
    expect(a.config.failureRate).toBeGreaterThan(0.09);
    expect(a.config.failureRate).toBeLessThan(0.11);
    const b = node(document, 'emails worker');
    if (b.kind !== 'worker') throw new Error('not a worker');
    expect(b.config.service.type).toBe('lognormal');
    expect(b.config.replicas).toBe(2);
    expect(report.inferredEdges).toHaveLength(1);
    expect(report.inferredEdges[0]).toMatchObject({
      from: 'accounts',
      to: 'emails',
      evidence: 'timing',
      on: 'completed',
    });
    expect(report.inferredEdges[0]!.probability).toBeGreaterThan(0.98);
    const toEmails = document.edges.find((e) => e.from === a.id);
    expect(toEmails).toEqual({ id: toEmails!.id, from: a.id, to: node(document, 'emails').id });
    // The layout puts producers left of their queues and queues left of their workers.
    expect(signup.position.x).toBeLessThan(accounts.position.x);
    expect(accounts.position.x).toBeLessThan(a.position.x);
  });

  it('predicts what it measured: throughput within 5 %, mean wait of the busy stage within 15 %', async () => {
    const result = await calibrate(observations);
    const rows = predictCalibrated(result);
    const throughput = rows.filter((r) => r.figure === 'throughput jobs/s');
    expect(throughput).toHaveLength(2);
    for (const r of throughput) expect(Math.abs(r.differencePercent!)).toBeLessThan(5);
    const wait = rows.find((r) => r.figure === 'mean wait ms' && r.name === 'accounts')!;
    expect(Math.abs(wait.differencePercent!)).toBeLessThan(15);
  });

  it('reads concurrency from the most jobs active at once, and says when that is only a floor', async () => {
    const { report } = await calibrate(observations);
    // accounts: 44 % busy, jobs barely wait, so 5 slots were never all seen in use for long.
    expect(
      report.warnings.some((w) => w.startsWith('worker of accounts: jobs hardly waited')),
    ).toBe(true);
    // A busy stage (90 %): jobs queue, every slot is seen in use, the concurrency is exact.
    const busy = chainDocument('job', { type: 'poisson', ratePerSec: 18 }, [
      {
        queue: 'busy',
        worker: { concurrency: 2, replicas: 1, service: { type: 'exponential', meanMs: 100 } },
      },
    ]);
    const fitted = await calibrate(observe(busy, { durationMs: 300_000 }));
    const worker = fitted.document.nodes.find((n) => n.kind === 'worker')!;
    expect(worker.kind === 'worker' && worker.config.concurrency).toBe(2);
    expect(fitted.report.warnings.filter((w) => w.includes('hardly waited'))).toEqual([]);
  });
});
