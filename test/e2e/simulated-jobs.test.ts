import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import {
  SCREENSHOT_DIR,
  newDocument,
  nodeOnCanvas,
  openEditor,
  simulateAndWait,
} from '../helpers/web-app';

/** A queue's simulated jobs after a simulation: the job browser over the simulator's job trace. */

/** Text with its non-breaking spaces (simulated times never wrap) read as spaces. */
const text = async (element: Locator) => (await element.textContent())!.replace(/\u00a0/g, ' ');

describe('simulated jobs in the job browser', () => {
  const suite = useEditorSuite();
  beforeAll(() => mkdir(SCREENSHOT_DIR, { recursive: true }));

  for (const theme of ['light', 'dark'] as const) {
    it(`lists a queue's simulated jobs by state, with a failed job's attempts and reason (${theme})`, async () => {
      const { page, errors, context } = await openEditor(suite.browser, suite.app, {
        colorScheme: theme,
      });
      const shot = (name: string) =>
        page.screenshot({ path: join(SCREENSHOT_DIR, `simulated-jobs-${name}-${theme}.png`) });
      await newDocument(page, 'welcome-emails');
      // Two attempts in five fail: with 3 attempts, about 6 % of the jobs fail for good.
      await nodeOnCanvas(page, 'email-sender').click();
      const rate = page.getByTestId('inspector').getByLabel('Failing attempts');
      await rate.fill('40%');
      await rate.press('Enter');
      // No simulation yet: a queue has no jobs to show.
      await nodeOnCanvas(page, 'emails').click();
      expect(await page.getByTestId('job-browser').count()).toBe(0);

      await simulateAndWait(page);
      await nodeOnCanvas(page, 'emails').click();
      const browserPanel = page.getByTestId('job-browser');
      await browserPanel.waitFor();
      expect(await browserPanel.locator('h3').textContent()).toBe('Simulated jobs');
      expect(await text(page.getByTestId('jobs-read-at'))).toBe(
        'As at the end of the simulation, t = 600.0 s',
      );
      // Nothing to refresh: a simulation does not move on.
      expect(await page.getByTestId('jobs-refresh').count()).toBe(0);
      const failedTab = page.getByTestId('jobs-state-failed');
      const failedCount = Number((await failedTab.locator('b').textContent())!.replace(/,/g, ''));
      // 20 jobs/s for 600 s, 0.4³ of them fail: about 770.
      expect(failedCount).toBeGreaterThan(500);
      expect(failedCount).toBeLessThan(1100);
      await failedTab.click();
      expect(await page.getByTestId('jobs-simulated-note').textContent()).toBe(
        `Read-only: the newest 100 of ${failedCount.toLocaleString('en-US')} failed jobs; times on the simulated clock.`,
      );
      const rows = page.getByTestId('job-row');
      await expect.poll(() => rows.count()).toBe(100);
      const first = rows.first();
      expect(await text(first)).toMatch(
        /^#\d+ send-welcome · t = \d{3}\.\d s · 3 attemptssimulated failure \(failure rate 40 %\) on attempt 3 of 3$/,
      );
      await first.click();
      const details = page.locator('[data-testid^="job-details-"]');
      await details.waitFor();
      expect(await details.getByTestId('job-attempts').textContent()).toBe(
        '3 of 3 made, 3,000 ms in backoff',
      );
      expect(await details.getByTestId('job-failed-reason').textContent()).toBe(
        'simulated failure (failure rate 40 %) on attempt 3 of 3',
      );
      expect(await details.getByTestId('job-route').textContent()).toBe(
        'signup-api → emails → email-sender → dead-letters',
      );
      expect(await details.getByTestId('job-data').textContent()).toBe(
        '{"userId":"u-123","template":"welcome"}',
      );
      expect(await details.getByTestId('job-no-stacktrace').textContent()).toContain(
        'No stack trace',
      );
      expect(await text(details)).toMatch(/Addedt = \d+\.\d s/);
      // Read-only: no retry, no remove.
      expect(await details.getByTestId('job-retry').count()).toBe(0);
      expect(await details.getByTestId('job-remove').count()).toBe(0);
      await shot('failed');
      await browserPanel.screenshot({
        path: join(SCREENSHOT_DIR, `simulated-jobs-panel-${theme}.png`),
      });

      // Completed jobs, some after a retry; the state still in the queue at the end.
      await page.getByTestId('jobs-state-completed').click();
      await expect.poll(() => rows.count()).toBe(100);
      expect(await page.getByTestId('jobs-simulated-note').textContent()).toMatch(
        /^Read-only: the newest 100 of [\d,]+ completed jobs/,
      );
      // Jobs in backoff at the end: each waits for its next attempt after a failed one.
      const delayedTab = page.getByTestId('jobs-state-delayed');
      const delayed = Number(await delayedTab.locator('b').textContent());
      expect(delayed).toBeGreaterThan(0);
      await delayedTab.click();
      await expect.poll(() => rows.count()).toBe(Math.min(delayed, 100));
      await rows.first().click();
      const waiting = page.locator('[data-testid^="job-details-"]');
      expect(await waiting.getByTestId('job-attempts').textContent()).toMatch(
        /^[12] of 3 made, [13],000 ms in backoff$/,
      );
      expect(await waiting.getByTestId('job-failed-reason').textContent()).toMatch(
        /^simulated failure \(failure rate 40 %\) on attempt [12] of 3$/,
      );
      expect(await waiting.textContent()).toContain('Last failed attempt');
      expect(await text(waiting)).toMatch(/Finished–/);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
