import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createHostServices } from '../../../main/services/host-services';
import { smallDeployment } from '../../helpers/bullmq-deployment';
import { freePort } from '../../helpers/redis-server';
import { freshPrefix, sleep } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function host() {
  const dir = mkdtempSync(join(tmpdir(), 'pw-import-api-'));
  const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => services.close());
  return services;
}

describe('import:redis through the host API', () => {
  it('validates the payload: Redis URLs only, a bounded listening window', async () => {
    const h = host();
    const answer = async (payload: unknown) => {
      const result = await h.dispatch('import:redis', payload);
      return result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`;
    };
    expect(await answer({ url: 'file:///etc/passwd' })).toMatch(
      /^invalid-request: .*url.*must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    expect(await answer({ url: 'postgres://localhost/jobs' })).toMatch(/^invalid-request: /);
    expect(await answer({ url: redisUrl, listenMs: 3_600_000 })).toMatch(
      /^invalid-request: .*listenMs.*must be at most 600000/,
    );
    expect(await answer({ url: redisUrl, extra: 1 })).toMatch(/^invalid-request: /);
    const port = await freePort();
    expect(await answer({ url: `redis://127.0.0.1:${port}` })).toMatch(
      /^io: redis:\/\/127\.0\.0\.1:\d+: could not read from Redis/,
    );
    expect(await answer({ url: redisUrl, prefix: freshPrefix() })).toMatch(
      /^not-found: .*No BullMQ queues under the prefix/,
    );
  });

  it('returns the calibrated document and report of a live deployment', async () => {
    const prefix = freshPrefix();
    const deployment = await smallDeployment(redisUrl, prefix);
    cleanups.push(() => deployment.clean());
    cleanups.push(() => deployment.stop());
    await sleep(1000);
    const result = await host().dispatch('import:redis', { url: redisUrl, prefix, listenMs: 500 });
    await deployment.stop();
    if (!result.ok) throw new Error(result.error.message);
    const { document, report } = result.value as {
      document: { nodes: { kind: string; name: string }[] };
      report: { prefix: string; listenedMs: number };
    };
    expect(
      document.nodes
        .filter((n) => n.kind === 'queue')
        .map((n) => n.name)
        .sort(),
    ).toEqual(['emails', 'signups']);
    expect(report.prefix).toBe(prefix);
    expect(report.listenedMs).toBe(500);
  });
});
