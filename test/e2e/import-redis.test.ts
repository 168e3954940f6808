import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

describe('Import from Redis in web mode', () => {
  let app: WebApp;
  let browser: Browser;
  let deployment: Deployment | null = null;
  const prefix = `pwimp${Date.now().toString(36)}`;
  beforeAll(async () => {
    app = await startWebApp({ redisUrl });
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // A plain BullMQ deployment Pipewright did not write: signups → accounts → emails.
    deployment = await startDeployment({
      url: redisUrl,
      prefix,
      ratePerSec: 20,
      jobName: 'signup',
      a: {
        queue: 'accounts',
        concurrency: 4,
        service: { type: 'exponential', meanMs: 60 },
        failureRate: 0.1,
      },
      b: {
        queue: 'emails',
        concurrency: 2,
        service: { type: 'normal', meanMs: 40, stdDevMs: 8 },
        failureRate: 0,
      },
      jobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 50 } },
    });
    // Stored history for the import to read.
    await new Promise((r) => setTimeout(r, 8_000));
  });
  afterAll(async () => {
    await deployment?.stop();
    await deployment?.clean();
    await browser?.close();
    await app?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`draws the deployment with its calibration report (${theme})`, async () => {
      const { page, errors, context } = await openEditor(browser, app, { colorScheme: theme });
      const shot = (name: string) =>
        page.screenshot({ path: join(SCREENSHOT_DIR, `import-${name}-${theme}.png`) });
      await page.locator('[data-action="import-redis"]').click();
      const dialog = page.getByTestId('import-dialog');
      await dialog.getByTestId('import-url').fill('http://not-redis');
      await dialog.getByText('Must be a redis:// or rediss:// URL').waitFor();
      expect(await dialog.getByTestId('import-start').isDisabled()).toBe(true);
      await dialog.getByTestId('import-url').fill(redisUrl);
      await dialog.getByTestId('import-prefix').fill(prefix);
      await dialog.getByTestId('import-listen').fill('2');
      await shot('dialog');
      await dialog.getByTestId('import-start').click();
      await dialog.getByTestId('import-progress').waitFor();
      await dialog.waitFor({ state: 'detached', timeout: 30_000 });

      // The pipeline: a producer per job name, the queues with their own names, their workers.
      for (const id of [
        'accounts',
        'accounts-worker',
        'emails',
        'emails-worker',
        'signup-producer',
      ]) {
        await nodeOnCanvas(page, id).waitFor();
      }
      const panel = page.getByTestId('calibration-panel');
      await panel.waitFor();
      expect(await panel.getByTestId('calibration-source').textContent()).toContain(
        `prefix “${prefix}”`,
      );
      const edges = (await panel.getByTestId('calibration-edges').textContent())!;
      const edge =
        /^accounts → emails inferred from timing p = (0\.\d+|1)\. \d+ of \d+ jobs in emails/.exec(
          edges,
        );
      expect(edge, edges).not.toBeNull();
      // Every job of accounts that completes adds one to emails; timing on a busy host blurs it a little.
      expect(Number(edge![1])).toBeGreaterThan(0.8);
      const retries = await panel.getByTestId('calibration-value-accounts-attempts').textContent();
      expect(retries).toContain('3');
      const service = await panel
        .getByTestId('calibration-value-accounts-worker-service')
        .locator('td')
        .nth(1)
        .textContent();
      expect(service).toMatch(/^exponential mean \d+(\.\d+)? ms$/);
      await panel.getByTestId('calibration-histogram-accounts-worker-service').waitFor();
      // The prediction beside what Redis measured: throughput within 15 %.
      const table = panel.getByTestId('comparison-table');
      await table.waitFor({ timeout: 20_000 });
      const throughput = table
        .getByTestId('comparison-emails-worker')
        .filter({ hasText: 'throughput jobs/s' })
        .locator('td')
        .last();
      const diff = Number((await throughput.textContent())!.replace(/[^\d.]/g, ''));
      expect(diff).toBeLessThan(15);
      await page.waitForTimeout(300);
      await shot('report');
      await panel.getByTestId('calibration-values').scrollIntoViewIfNeeded();
      await shot('report-values');
      await panel
        .getByTestId('calibration-histogram-accounts-worker-service')
        .scrollIntoViewIfNeeded();
      await shot('report-charts');

      // The inspector marks the imported values as measured, with their evidence on hover.
      await nodeOnCanvas(page, 'accounts-worker').click();
      const mark = page.getByTestId('inspector').getByTestId('measured-service');
      expect(await mark.getAttribute('title')).toMatch(
        /^service time: Measured from \d+ observations in redis:\/\/.* · \d+(\.\d+)? ms \(95 %:/,
      );
      await shot('inspector');
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('says what went wrong when nothing answers', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await page.locator('[data-action="import-redis"]').click();
    const dialog = page.getByTestId('import-dialog');
    await dialog.getByTestId('import-url').fill('redis://127.0.0.1:1');
    await dialog.getByTestId('import-listen').fill('0');
    await dialog.getByTestId('import-start').click();
    await dialog.getByTestId('run-error').waitFor({ timeout: 20_000 });
    expect(await dialog.getByTestId('run-error').textContent()).toContain(
      'Could not import from Redis',
    );
    await (page as Page).keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors.filter((e) => !e.includes('ERR_CONNECTION'))).toEqual([]);
    await context.close();
  });
});
