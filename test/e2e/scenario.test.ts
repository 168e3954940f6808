import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import {
  SCREENSHOT_DIR,
  newDocument,
  nodeOnCanvas,
  openEditor,
  simulateAndWait,
} from '../helpers/web-app';

/** Scenarios in the app: the timeline under the canvas, per-event figures, the cheapest policy. */

const status = (page: Page) => page.getByTestId('analysis-status');

describe('scenarios in the app', () => {
  const suite = useEditorSuite();
  beforeAll(() => mkdir(SCREENSHOT_DIR, { recursive: true }));

  it('adds an outage on the timeline, simulates it and reads its figures', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const shot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `scenario-${name}.png`) });
    await newDocument(page, 'welcome-emails');
    await page.getByTestId('tab-scenario').click();
    await page.getByTestId('scenario-hint').waitFor();
    await nodeOnCanvas(page, 'email-sender').click();
    // A worker offers the worker's events; an outage fails every attempt.
    expect(await page.getByTestId('scenario-kind').locator('option').allTextContents()).toEqual([
      'Outage',
      'Slow dependency',
      'Replicas down',
    ]);
    await page.getByTestId('scenario-start').fill('2m');
    await page.getByTestId('scenario-duration').fill('1m');
    await page.getByTestId('scenario-add').click();
    const bar = page.getByTestId('timeline-event-event-1');
    await bar.waitFor();
    expect(await bar.textContent()).toBe('Outage 2:00–3:00');
    expect(await page.getByTestId('event-value').inputValue()).toBe('100');

    // Drag the bar to the right: one undo step moves it back.
    const start = page.getByTestId('event-start');
    const box = (await bar.boundingBox())!;
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + box.height / 2, { steps: 5 });
    await page.mouse.move(box.x + 110, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => start.inputValue()).not.toBe('2m');
    expect(await page.getByTestId('event-duration').inputValue()).toBe('1m');
    await page.locator('[data-action="undo"]').click();
    await expect.poll(() => start.inputValue()).toBe('2m');
    // The keyboard moves a focused bar by a snap step (5 s on a 10-minute axis).
    await bar.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => start.inputValue()).toBe('2m5s');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => start.inputValue()).toBe('2m');

    // A second outage overlapping the first: the timeline says why, and Simulate refuses it.
    await page.getByTestId('scenario-start').fill('150s');
    await page.getByTestId('scenario-add').click();
    const problems = page.getByTestId('scenario-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain(
      'scenario event "event-2" changes the failure rate of worker "email-sender" at 2.5 min, while scenario event "event-1" (2 min to 3 min) still does',
    );
    await shot('timeline-problem');
    await page.locator('[data-action="simulate"]').click();
    await expect
      .poll(() => status(page).getAttribute('class'), { timeout: 30_000 })
      .toContain('analysis-status--error');
    await page.getByTestId('tab-results').click();
    expect(await page.getByTestId('results').textContent()).toContain(
      'cannot simulate this pipeline',
    );
    await page.getByTestId('tab-scenario').click();
    await page.getByTestId('event-delete').click();
    await expect.poll(() => problems.count()).toBe(0);
    await bar.click();
    await shot('timeline');

    await simulateAndWait(page);
    await page.getByTestId('tab-results').click();
    const row = page.getByTestId('scenario-row-event-1');
    await row.scrollIntoViewIfNeeded();
    const cell = async (key: string) => (await row.getByTestId(`scenario-${key}`).textContent())!;
    const count = async (key: string) => Number((await cell(key)).replace(/,/g, ''));
    expect(await row.locator('td').nth(1).textContent()).toBe('failure rate 100% on email-sender');
    expect(await cell('when')).toBe('2 min – 3 min');
    // 20 jobs/s; attempts 1 s and 2 s apart (exponential backoff), so a job that arrives in the
    // outage's first ~57 s makes all 3 attempts inside it and fails for good: about 1,140 jobs,
    // each dead-lettered, each retried twice.
    const failed = await count('failed');
    expect(failed).toBeGreaterThan(1000);
    expect(failed).toBeLessThan(1250);
    expect(await count('deadLettered')).toBe(failed);
    const retries = await count('retries');
    expect(retries).toBeGreaterThanOrEqual(2 * failed);
    expect(retries).toBeLessThan(2 * failed + 300);
    expect(await cell('drained')).toMatch(/^[\d.]+ (ms|s)$/);
    expect(await cell('peak')).toMatch(/^\d+ \(2\.\d+ min\)$/);
    await shot('results');
    await page.getByTestId('tab-metrics').click();
    await page.getByTestId('chart-backlog').waitFor();
    await shot('metrics');

    // Delete on a focused bar deletes the event, not the node selected on the canvas.
    await page.getByTestId('tab-scenario').click();
    await bar.focus();
    await page.keyboard.press('Delete');
    await expect.poll(() => bar.count()).toBe(0);
    expect(await nodeOnCanvas(page, 'email-sender').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the cheapest autoscale policy for a spike and applies it as an undoable edit', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const shot = (name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `scenario-${name}.png`) });
    await newDocument(page, 'welcome-emails');
    await page.getByTestId('tab-scenario').click();
    await nodeOnCanvas(page, 'signup').click();
    await page.getByTestId('scenario-start').fill('2m');
    await page.getByTestId('scenario-duration').fill('1m');
    await page.getByTestId('scenario-add').click();
    await page.getByTestId('event-value').fill('120');
    await nodeOnCanvas(page, 'email-sender').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByLabel('Autoscale replicas on the queue').check();
    await inspector.getByLabel('Poll every').fill('1000');
    await page.getByTestId('policy-targets').fill('5, 20');
    await page.getByTestId('policy-maxes').fill('1, 4');
    await page.getByTestId('policy-mins').fill('1');
    await page.getByTestId('policy-find').click();
    await page.getByTestId('policy-table').waitFor({ timeout: 60_000 });
    await page.getByTestId('policy-search').scrollIntoViewIfNeeded();
    await shot('policy');
    // 120 jobs/s of 120 ms jobs need 14.4 slots during the minute of the spike: one replica of
    // 10 falls behind, so only a policy that may scale to 4 holds p95 wait under a second.
    expect(await page.getByTestId('policy-best').textContent()).toMatch(
      /^Cheapest that holds p95 wait under 1 s: \d+ per replica, 1–4 replicas — [\d,.]+ replica-s/,
    );
    const rows = page.getByTestId('policy-table').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(3).textContent()).toMatch(/1–1600[\d.]+ s✗$/);
    const targetField = inspector.getByLabel('Target per replica', { exact: true });
    const maxField = inspector.getByLabel('Max replicas', { exact: true });
    await page.getByTestId('policy-apply').click();
    await expect.poll(() => maxField.inputValue()).toBe('4');
    await page.locator('[data-action="undo"]').click();
    await expect.poll(() => maxField.inputValue()).toBe('2');
    expect(await targetField.inputValue()).toBe('10');
    await page.locator('[data-action="redo"]').click();
    await expect.poll(() => maxField.inputValue()).toBe('4');

    // Simulated with that policy: replicas over time against the backlog, and their cost.
    await simulateAndWait(page);
    await page.getByTestId('tab-results').click();
    const autoscaled = page.getByTestId('autoscale-email-sender');
    await autoscaled.scrollIntoViewIfNeeded();
    expect(await autoscaled.getByTestId('autoscale-figures').textContent()).toMatch(
      /^email-sender [\d,.]+ replica-s · replicas [\d.]+ mean, 1–[234] · \d+ scale-ups, \d+ scale-downs$/,
    );
    await autoscaled.getByTestId('chart-replicas-email-sender').waitFor();
    await shot('autoscale-results');

    // A long search can be cancelled.
    await page.getByTestId('policy-targets').fill('1, 2, 3, 4, 5, 6, 7, 8');
    await page.getByTestId('policy-maxes').fill('1, 2, 3, 4, 5, 6, 7, 8');
    await page.getByTestId('policy-runs').fill('20');
    await page.getByTestId('policy-find').click();
    await page.getByTestId('policy-cancel').click();
    await page.getByTestId('policy-cancelled').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
