import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import { freePort, pingRedis, startTestRedis, type TestRedis } from '../helpers/redis-server';
import {
  screenshotter,
  newDocument,
  nodeOnCanvas,
  openEditor,
  startWebApp,
  type WebApp,
} from '../helpers/web-app';

const shot = screenshotter('run-');

/** redis-server again on a port a stopped one used (its data is gone: persistence is off). */
async function restartRedisOn(port: number): Promise<{ stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-e2e-redis-'));
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis('127.0.0.1', port)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    stop() {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What the "made" counter of a producer's badge says. */
async function made(page: Page, id: string): Promise<number> {
  const text = await nodeOnCanvas(page, id).getByTestId('live-badge').textContent();
  return Number(/([\d,]+) made/.exec(text ?? '')?.[1]?.replace(/,/g, '') ?? Number.NaN);
}

describe('faults during a real run, in web mode', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says within 2 s that Redis is lost, carries on when it is back, and restarts a crashed runner', async () => {
    const redis: TestRedis = await startTestRedis();
    const app: WebApp = await startWebApp({ redisUrl: redis.url });
    let again: { stop(): void } | null = null;
    try {
      const { page, errors, context } = await openEditor(browser, app);
      await newDocument(page, 'welcome-emails');
      const status = page.getByTestId('redis-status');
      await expect.poll(() => status.textContent()).toMatch(/Redis 7.* · external/);
      await page.getByTestId('run-start').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
      await expect.poll(() => made(page, 'signup')).toBeGreaterThan(5);

      // Redis dies: the status bar says so, and the host sent that within 2 s. The promise is
      // timed by when the host emitted the status, not by racing a poll of the page.
      const hostLost = new Promise<number>((resolve) => {
        const off = app.services.runs.redis.onStatus((s) => {
          if (s.state !== 'lost') return;
          off();
          resolve(Date.now());
        });
      });
      const killedAt = Date.now();
      await redis.stop();
      const noticedMs = (await hostLost) - killedAt;
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Redis lost');
      console.log(`"Redis lost" sent ${noticedMs} ms after redis-server was killed`);
      expect(noticedMs).toBeLessThan(2000);
      expect(await status.getAttribute('class')).toContain('status-error');
      await shot(page, 'redis-lost');

      // Redis returns on the same port: the run reconnects and goes on making jobs.
      again = await restartRedisOn(redis.port);
      await expect.poll(() => status.textContent(), { timeout: 20_000 }).not.toBe('Redis lost');
      await page.getByTestId('tab-log').click();
      await page
        .getByTestId('log-entry')
        .filter({ hasText: /reconnected to Redis; the run carries on/ })
        .waitFor({ timeout: 20_000 });
      const before = await made(page, 'signup');
      await expect.poll(() => made(page, 'signup'), { timeout: 10_000 }).toBeGreaterThan(before);

      // The runner crashes: the banner and the status bar say so and offer a restart.
      const pid = app.services.runs.runs.runnerPid;
      expect(pid).toBeGreaterThan(0);
      process.kill(pid!, 'SIGKILL');
      await page.getByTestId('run-banner').filter({ hasText: 'Runner crashed' }).waitFor();
      await page.getByTestId('runner-crashed').waitFor();
      await shot(page, 'runner-crashed');
      await page.getByTestId('status-restart').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
      expect(await page.getByTestId('runner-crashed').count()).toBe(0);
      const restartedFrom = await made(page, 'signup');
      await expect
        .poll(() => made(page, 'signup'), { timeout: 10_000 })
        .toBeGreaterThan(restartedFrom);
      await page
        .getByTestId('log-entry')
        .filter({ hasText: /runner restarted/ })
        .waitFor();

      // Stop with "Drain on stop": the workers empty the queues first.
      await page.getByTestId('run-options-toggle').click();
      await page.getByTestId('run-drain').check();
      await page.keyboard.press('Escape');
      await page.getByTestId('run-stop').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
      await page.getByTestId('tab-run').click();
      expect(await page.getByTestId('run-outcome').textContent()).toMatch(
        /The queues were drained before stopping\. \d+ keys removed/,
      );
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await app.close();
      again?.stop();
    }
  });

  it('explains how to install Redis when there is none, and the simulator stays available', async () => {
    const port = await freePort();
    const app = await startWebApp({ redisUrl: `redis://127.0.0.1:${port}` });
    const path = process.env.PATH;
    // No server answers at that URL and no redis-server can be found on PATH.
    process.env.PATH = join(tmpdir(), 'pipewright-no-redis-here');
    try {
      const { page, errors, context } = await openEditor(browser, app);
      await newDocument(page, 'welcome-emails');
      const status = page.getByTestId('redis-status');
      await expect.poll(() => status.textContent()).toBe('No Redis');
      await page.getByTestId('run-start').click();
      const error = page.getByTestId('run-error');
      await error.waitFor();
      expect(await error.textContent()).toContain('The run could not start');
      expect(await error.textContent()).toMatch(/did not answer.*redis-server is not installed/);
      expect(await error.locator('pre').textContent()).toMatch(/sudo apt-get install redis-server/);
      expect(await page.getByTestId('run-start').isEnabled()).toBe(true);
      await status.click();
      expect(await page.getByTestId('redis-details').textContent()).toMatch(/apt-get install/);
      await shot(page, 'no-redis');
      await page.getByTestId('run-error').getByRole('button', { name: 'Dismiss' }).click();
      expect(await error.count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      process.env.PATH = path;
      await app.close();
    }
  });
});
