import { describe, expect, it } from 'vitest';
import { calibrate, detectDrift } from '../../../../shared/calibration';
import { parseDocumentText, serializeDocument } from '../../../../shared/document';
import { chainDocument, observe } from './synthetic';

const pipeline = (meanMs: number) =>
  chainDocument('orders', { type: 'poisson', ratePerSec: 8 }, [
    {
      queue: 'orders',
      worker: { concurrency: 4, replicas: 1, service: { type: 'exponential', meanMs } },
    },
  ]);

// 2 minutes at 8/s: ~960 jobs, the mean service time known to about ±6 %.
const fit = (meanMs: number, seed: number) =>
  calibrate(observe(pipeline(meanMs), { durationMs: 120_000, seed }));

describe('detectDrift', () => {
  it('flags a service time that moved beyond its confidence interval', async () => {
    const before = await fit(100, 1);
    const after = await fit(150, 2);
    const flags = detectDrift(before.report, after.report);
    expect(flags.map((f) => [f.nodeId, f.field])).toEqual([['orders-worker', 'service']]);
    expect(flags[0]!.changePercent!).toBeGreaterThan(35);
    expect(flags[0]!.message).toMatch(
      /^mean service time moved from \d+\.\d ms to \d+ ms, beyond its 95 % interval \(±\d+\.\d ms\)$/,
    );
  });

  it('flags nothing when the same deployment is refitted on another window (five seeds)', async () => {
    const before = await fit(100, 1);
    for (let seed = 2; seed <= 6; seed++) {
      expect(detectDrift(before.report, (await fit(100, seed)).report)).toEqual([]);
    }
  });

  it('works from a saved document’s calibration fields', async () => {
    const before = await fit(100, 1);
    const after = await fit(150, 2);
    const saved = before.document.calibration!;
    expect(
      detectDrift({ values: saved.fields }, { values: after.document.calibration!.fields }),
    ).toHaveLength(1);
  });
});

describe('the calibration field of a document', () => {
  it('round-trips byte-identical, after the edges', async () => {
    const { document } = await fit(100, 1);
    const text = serializeDocument(document);
    const parsed = parseDocumentText(text);
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    expect(serializeDocument(parsed.document)).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual([
      'format',
      'name',
      'settings',
      'nodes',
      'edges',
      'calibration',
    ]);
    expect(document.calibration!.source).toMatchObject({
      redis: 'redis://127.0.0.1:6379',
      prefix: 'bull',
    });
    expect(document.calibration!.fields.find((f) => f.field === 'service')).toMatchObject({
      nodeId: 'orders-worker',
      sample: expect.any(Number),
    });
  });

  it('refuses a malformed one with the path and the rule', () => {
    const text = JSON.stringify({
      format: 'pipewright/v1',
      name: 'x',
      nodes: [],
      edges: [],
      calibration: {
        source: { redis: 'r', prefix: 'p', fromMs: 0, toMs: 1 },
        fields: [{ nodeId: 'n', field: 'f', sample: -1 }],
      },
    });
    const parsed = parseDocumentText(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      { path: 'calibration.fields[0].sample', message: 'must be an integer >= 0, got -1' },
    ]);
  });
});
