import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDeployment, type Deployment } from '../helpers/bullmq-deployment';
import { launchChromium } from '../helpers/chromium';
import {
  SCREENSHOT_DIR,
  nodeOnCanvas,
  openEditor,
  startWebApp,
  type WebApp,
} from '../helpers/web-app';

const redisUrl = inject('redisUrl');

describe('monitor mode flags drift against an imported model', () => {
  let app: WebApp;
  let browser: Browser;
  let deployment: Deployment | null = null;
  const prefix = `pwdrift${Date.now().toString(36)}`;
  beforeAll(async () => {
    // Refits every second on the newest 300 jobs (the app's default is every 15 s on 1,000).
    app = await startWebApp({
      redisUrl,
      monitorRefit: { everyMs: 1000, windowMs: 60_000, limitPerQueue: 300 },
    });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    deployment = await startDeployment({
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
  });
  afterAll(async () => {
    await deployment?.stop();
    await deployment?.clean();
    await browser?.close();
    await app?.close();
  });

  it('shows a drift badge on the worker whose service time doubled, saying from what to what', async () => {
    // Stored history for the import to read.
    await expect
      .poll(() => deployment!.measured.b.completed, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(200);
    const { page, errors, context } = await openEditor(browser, app);
    await page.locator('[data-action="import-redis"]').click();
    const importDialog = page.getByTestId('import-dialog');
    await importDialog.getByTestId('import-url').fill(redisUrl);
    await importDialog.getByTestId('import-prefix').fill(prefix);
    await importDialog.getByTestId('import-listen').fill('0');
    await importDialog.getByTestId('import-start').click();
    await importDialog.waitFor({ state: 'detached', timeout: 30_000 });
    await nodeOnCanvas(page, 'emails-worker').waitFor();

    await page.getByTestId('monitor-open').click();
    const dialog = page.getByTestId('monitor-dialog');
    await dialog.getByTestId('monitor-url').fill(redisUrl);
    await dialog.getByTestId('monitor-prefix').fill(prefix);
    await dialog.getByTestId('monitor-discover').click();
    await dialog.getByTestId('monitor-queue-emails').waitFor();
    await dialog.getByTestId('monitor-watch').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('monitor-banner').waitFor();
    // The refits agree with the import while nothing changed: a few of them, no badge.
    const refits = () => app.services.runs.monitor.refits.length;
    const badges = () =>
      page
        .locator('.drift-badge')
        .evaluateAll((els) =>
          els.map((e) => ({ id: e.getAttribute('data-testid'), title: e.getAttribute('title') })),
        );
    await expect.poll(refits, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    expect(await badges()).toEqual([]);

    // The emails worker restarts twice as slow: the badge appears on it, and only on it.
    await deployment!.restartWorker('b', { service: { type: 'exponential', meanMs: 80 } });
    const badge = nodeOnCanvas(page, 'emails-worker').getByTestId('drift-emails-worker');
    await badge.waitFor({ timeout: 30_000 });
    expect(await badge.getAttribute('title')).toMatch(
      /^Drifted since the import:\nmean service time moved from [\d.]+ ms to [\d.]+ ms, beyond its 95 % interval \(±[\d.]+ ms\)$/,
    );
    expect((await badges()).map((b) => b.id)).toEqual(['drift-emails-worker']);
    await badge.hover();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'monitor-drift.png') });

    // Watching stops: the badge goes with it.
    await page.getByTestId('monitor-banner').getByRole('button', { name: 'Stop watching' }).click();
    await page.getByTestId('monitor-banner').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.drift-badge').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
