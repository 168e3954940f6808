import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import { SCREENSHOT_DIR, newDocument, nodeOnCanvas, openEditor } from '../helpers/web-app';

/** Scenarios in the app: the timeline under the canvas, per-event figures, the cheapest policy. */

const status = (page: Page) => page.getByTestId('analysis-status');

async function simulateAndWait(page: Page): Promise<void> {
  await page.locator('[data-action="simulate"]').click();
  await status(page).waitFor({ timeout: 15_000 });
  await expect
    .poll(() => status(page).getAttribute('class'), { timeout: 30_000 })
    .toContain('analysis-status--done');
}

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
    await page.getByTestId('scenario-start').fill('2m');
    await page.getByTestId('scenario-duration').fill('1m');
    await page.getByTestId('scenario-add').click();
    await page.getByTestId('timeline-event-event-1').waitFor();
    await shot('timeline');
    await simulateAndWait(page);
    await page.getByTestId('tab-results').click();
    const row = page.getByTestId('scenario-row-event-1');
    await row.waitFor();
    await shot('results');
    console.log(await row.textContent());
    await page.getByTestId('tab-metrics').click();
    await shot('metrics');
    expect(errors).toEqual([]);
    await context.close();
  });
});
