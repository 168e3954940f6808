import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createHostServices } from '../../../main/services/host-services';
import type { CalibrationResult } from '../../../shared/calibration/observations';
import { startDeployment } from '../../helpers/bullmq-deployment';
import { freshPrefix, sleep } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function host() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-import-api-'));
  const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
  cleanups.push(async () => {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return services;
}

describe('the import:redis channel', () => {
  it('returns the calibrated pipeline of a running deployment and its report', async () => {
    const prefix = freshPrefix();
    const deployment = await startDeployment({
      url: redisUrl,
      prefix,
      ratePerSec: 30,
      jobName: 'signup',
      a: {
        queue: 'accounts',
        concurrency: 3,
        service: { type: 'exponential', meanMs: 60 },
        failureRate: 0.1,
      },
      b: { queue: 'emails', concurrency: 2, service: { type: 'fixed', ms: 20 }, failureRate: 0 },
      jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 30 } },
    });
    cleanups.push(
      () => deployment.clean(),
      () => deployment.stop(),
    );
    await sleep(6_000);
    const answer = await host().dispatch('import:redis', {
      url: redisUrl,
      prefix,
      listenMs: 1_000,
    });
    if (!answer.ok) throw new Error(answer.error.message);
    const { document, report } = answer.value as CalibrationResult;
    expect(document.nodes.map((n) => n.name).sort()).toEqual([
      'accounts',
      'accounts worker',
      'emails',
      'emails worker',
      'signup',
    ]);
    expect(document.nodes.find((n) => n.name === 'accounts')!.config).toEqual({
      attempts: 3,
      backoff: { type: 'fixed', delayMs: 30 },
    });
    expect(report.inferredEdges.map((e) => [e.from, e.to, e.evidence])).toEqual([
      ['accounts', 'emails', 'timing'],
    ]);
    expect(report.prefix).toBe(prefix);
    expect(document.calibration!.source.prefix).toBe(prefix);
  });

  it('refuses what it cannot read with a code and a message that says what to do', async () => {
    const services = host();
    const refused = await services.dispatch('import:redis', {
      url: 'redis://127.0.0.1:1',
      listenMs: 0,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'io' } });
    expect(!refused.ok && refused.error.message).toMatch(
      /^redis:\/\/127\.0\.0\.1:1: could not read from Redis/,
    );
    const empty = await services.dispatch('import:redis', { url: redisUrl, prefix: freshPrefix() });
    expect(empty).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const invalid = await services.dispatch('import:redis', { url: 'postgres://x', listenMs: -1 });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
