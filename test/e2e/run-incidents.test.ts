import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { startTestRedis } from '../helpers/redis-server';
import { newDocument, openEditor, screenshotter, startWebApp } from '../helpers/web-app';
import { keysUnder, simplePipeline, until } from '../integration/runner/helpers';

const bin = fileURLToPath(new URL('../../bin/pipewright.mjs', import.meta.url));
const shot = screenshotter('run-');

describe('what a run met, and what killed runs left, in web mode', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('offers to clean up the keys of a `pipewright run` killed with -9', async () => {
    const redis = await startTestRedis();
    const dir = mkdtempSync(join(tmpdir(), 'pw-e2e-orphan-'));
    const client = new Redis(redis.url);
    try {
      writeFileSync(join(dir, 'p.json'), JSON.stringify(simplePipeline({ rate: 50 })));
      const cli = spawn(process.execPath, [bin, 'run', 'p.json', '--redis', redis.url], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      cli.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await until(() => /Keys prefix: (\S+)/.test(stderr), 'the prefix', 30_000);
      const prefix = /Keys prefix: (\S+)/.exec(stderr)![1]!;
      await until(async () => (await keysUnder(redis.url, prefix)).length > 10, 'jobs in Redis');
      cli.kill('SIGKILL');
      await until(
        async () => (await client.exists(`${prefix}:pipewright-runner`)) === 0,
        'the killed runner to go',
        10_000,
      );

      const app = await startWebApp({ redisUrl: redis.url });
      try {
        const { page, errors, context } = await openEditor(browser, app);
        await newDocument(page, 'welcome-emails');
        const banner = page.getByTestId('orphan-runs');
        await banner.waitFor();
        expect(await banner.textContent()).toMatch(
          new RegExp(`A run left its keys in Redis at ${redis.url}.*“simple” · ${prefix}`),
        );
        await shot(page, 'orphan-runs');
        await banner.getByRole('button', { name: 'Clean up' }).click();
        await expect
          .poll(() => page.getByTestId('orphan-message').textContent())
          .toMatch(new RegExp(`^Removed [\\d,]+ keys? under “${prefix}”\\.$`));
        await expect.poll(() => page.getByTestId('orphan-run').count()).toBe(0);
        expect(await keysUnder(redis.url, prefix)).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await app.close();
      }
    } finally {
      client.disconnect();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows Redis refusing the run’s commands in the run banner, not only in a log', async () => {
    const redis = await startTestRedis();
    const admin = new Redis(redis.url);
    await admin.acl('SETUSER', 'limited', 'on', '>pw', '~*', '&*', '+@all', '-@scripting');
    const app = await startWebApp({ redisUrl: `redis://limited:pw@127.0.0.1:${redis.port}` });
    try {
      const { page, context } = await openEditor(browser, app);
      await newDocument(page, 'welcome-emails');
      await page.getByTestId('run-start').click();
      const incidents = page.getByTestId('run-incidents');
      await incidents.waitFor({ timeout: 20_000 });
      await expect
        .poll(() => incidents.textContent())
        .toMatch(/Redis refused .* NOPERM .* the Redis user lacks permissions BullMQ needs/);
      await shot(page, 'refused-incidents');
      await page.getByTestId('run-stop').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
      // Still listed once the run has stopped, with the run's own verdict.
      expect(await incidents.textContent()).toMatch(/created no job: all \d+ adds failed/);
      await context.close();
    } finally {
      await app.close();
      admin.disconnect();
      await redis.stop();
    }
  });
});
