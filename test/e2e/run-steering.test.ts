import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import { screenshotter, runExample, nodeOnCanvas, openEditor } from '../helpers/web-app';

const redisUrl = inject('redisUrl');

const shot = screenshotter('steer-');
/** The summary lines of a node on the canvas. */
const lines = (page: Page, id: string) =>
  nodeOnCanvas(page, id).locator('.pw-node__line').allTextContents();

async function setField(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId('run-panel').getByTestId(testId);
  await field.fill(value);
  await field.press('Enter');
}

describe('steering a run: the canvas, the comparison and the report follow the changes', () => {
  const suite = useEditorSuite({ redisUrl });
  let downloads: string;
  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'pipewright-steer-'));
  });
  afterAll(async () => {
    await rm(downloads, { recursive: true, force: true });
  });

  it('shows live overrides and a down worker, predicts with the changes, and keeps them on request', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await runExample(page, 'welcome-emails');
    expect(await lines(page, 'signup')).toContain('poisson 20/s');
    await page.getByTestId('tab-run').click();
    const panel = page.getByTestId('run-panel');
    await panel.getByTestId('run-controls').waitFor();

    // Rate, concurrency and failures: the nodes show the live values, marked as overrides.
    await setField(page, 'live-rate-signup', '60');
    await setField(page, 'live-concurrency-email-sender', '40');
    await setField(page, 'live-failure-email-sender', '40');
    await expect.poll(() => lines(page, 'signup')).toContain('poisson 60/s live');
    await expect
      .poll(() => lines(page, 'email-sender'))
      .toEqual(['40 × 1 replica live', '~120 ms/job · 40% fail live']);
    // The "live" mark is whole on every changed line: the text gives way to it, not the mark.
    for (const id of ['signup', 'email-sender']) {
      const changed = nodeOnCanvas(page, id).getByTestId(`node-override-${id}`);
      for (let i = 0; i < (await changed.count()); i++) {
        const line = (await changed.nth(i).boundingBox())!;
        const mark = (await changed.nth(i).locator('.pw-node__live-mark').boundingBox())!;
        expect(mark.width, `${id} line ${i}: the live mark has no width`).toBeGreaterThan(8);
        expect(
          mark.x + mark.width,
          `${id} line ${i}: the live mark is cut off at the line's right edge`,
        ).toBeLessThanOrEqual(line.x + line.width + 0.5);
      }
    }
    await shot(page, 'live-marks');
    expect(
      await nodeOnCanvas(page, 'signup').getByTestId('node-override-signup').getAttribute('title'),
    ).toBe('Changed live; the design says “poisson 20/s”');
    // Failures show on the worker's badge during the run.
    await expect
      .poll(() => nodeOnCanvas(page, 'email-sender').getByTestId('badge-failed').textContent(), {
        timeout: 15_000,
      })
      .toMatch(/^[\d,.]+k? failed$/);

    // Pause the queue for a few seconds: the node says so.
    await panel.getByTestId('live-pause-emails').click();
    await nodeOnCanvas(page, 'emails').getByTestId('node-state-emails').waitFor();
    expect(await nodeOnCanvas(page, 'emails').getByTestId('node-state-emails').textContent()).toBe(
      'paused',
    );
    await page.waitForTimeout(3000);
    await panel.getByTestId('live-resume-emails').click();
    await nodeOnCanvas(page, 'emails').getByTestId('node-state-emails').waitFor({
      state: 'detached',
    });

    // Kill the only replica: the worker is down on the canvas; start one: it is back.
    await panel.getByTestId('live-kill-email-sender').click();
    await expect
      .poll(() => panel.getByTestId('live-replicas-email-sender').textContent())
      .toBe('down: 0 alive (design 1)');
    const state = nodeOnCanvas(page, 'email-sender').getByTestId('node-state-email-sender');
    await state.waitFor();
    expect(await state.textContent()).toBe('down');
    expect(await nodeOnCanvas(page, 'email-sender').getAttribute('class')).toMatch(/\bis-down\b/);
    expect(await panel.getByTestId('live-kill-email-sender').isDisabled()).toBe(true);
    await shot(page, 'down');
    await page.waitForTimeout(2000);
    await panel.getByTestId('live-start-replica-email-sender').click();
    await expect
      .poll(() => panel.getByTestId('live-replicas-email-sender').textContent())
      .toBe('1 alive');
    await state.waitFor({ state: 'detached' });
    await expect
      .poll(() => nodeOnCanvas(page, 'email-sender').getByTestId('badge-throughput').textContent())
      .not.toBe('0/s');
    await page.waitForTimeout(2000);

    // Stop: the comparison says which changes were made and when, and predicts with them.
    await page.getByTestId('run-stop').click();
    await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
    const basis = page.getByTestId('comparison-basis');
    await basis.waitFor();
    expect(await basis.textContent()).toMatch(
      /^7 live changes made during the run; the prediction replays them at the same times:/,
    );
    const items = await page.getByTestId('run-changes').locator('li').allTextContents();
    expect(items.map((t) => t.replace(/^\d+:\d\d/, ''))).toEqual([
      ' producer "signup-api": rate set to 60 jobs/s',
      ' worker "email-sender": concurrency set to 40 per replica',
      ' worker "email-sender": failure rate set to 40% of attempts',
      ' queue "emails": paused',
      ' queue "emails": resumed',
      ' worker "email-sender": a replica killed: 0 alive (down)',
      ' worker "email-sender": a replica started: 1 alive',
    ]);
    // Every change came before the stop and after the start, in order.
    const seconds = items.map((t) => {
      const [m, s] = /^(\d+):(\d\d)/.exec(t)!.slice(1).map(Number) as [number, number];
      return m * 60 + s;
    });
    expect([...seconds].sort((a, b) => a - b)).toEqual(seconds);
    // The produced rate follows the change (60/s for most of the run): predicted and measured
    // agree instead of comparing against the design's 20/s.
    const created = page
      .getByTestId('comparison-signup')
      .filter({ hasText: 'jobs/s created' })
      .locator('td.num');
    const [predicted, measured] = (await created.allTextContents()).map((t) => parseFloat(t));
    expect(predicted).toBeGreaterThan(35);
    expect(Math.abs(measured! - predicted!) / predicted!).toBeLessThan(0.25);
    await basis.scrollIntoViewIfNeeded();
    await shot(page, 'comparison');

    // The HTML report lists them too.
    const [html] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByTestId('report-html').click(),
    ]);
    const htmlPath = join(downloads, html.suggestedFilename());
    await html.saveAs(htmlPath);
    const htmlText = await readFile(htmlPath, 'utf8');
    expect(htmlText).toContain('<h2>Live changes</h2>');
    expect(htmlText).toContain('7 changes were made while the run was on');
    expect(htmlText).toContain('with the 7 live changes above replayed at the same times');

    // After the stop the overrides stay on the canvas until kept or discarded.
    const bar = page.getByTestId('live-changes-bar');
    await bar.waitFor();
    expect(await bar.textContent()).toContain(
      'signup-api: poisson 60/s; email-sender: concurrency 40; email-sender: 40% of attempts fail',
    );
    await shot(page, 'keep-or-discard');
    await bar.getByTestId('live-changes-keep').click();
    await bar.waitFor({ state: 'detached' });
    // Kept: the design says so, with no live mark; one Undo brings the design back.
    expect(await lines(page, 'signup')).toContain('poisson 60/s');
    expect(await lines(page, 'email-sender')).toEqual(['40 × 1 replica', '~120 ms/job · 40% fail']);
    await page.keyboard.press('Control+z');
    await expect.poll(() => lines(page, 'signup')).toContain('poisson 20/s');
    expect(await lines(page, 'email-sender')).toEqual(['10 × 1 replica', '~120 ms/job · 2% fail']);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('discards live overrides: the design stays as it was', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await runExample(page, 'welcome-emails');
    await page.getByTestId('tab-run').click();
    await setField(page, 'live-concurrency-email-sender', '3');
    await expect.poll(() => lines(page, 'email-sender')).toContain('3 × 1 replica live');
    await page.getByTestId('run-stop').click();
    await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
    const bar = page.getByTestId('live-changes-bar');
    await bar.getByTestId('live-changes-discard').click();
    await bar.waitFor({ state: 'detached' });
    expect(await lines(page, 'email-sender')).toEqual(['10 × 1 replica', '~120 ms/job · 2% fail']);
    expect(await page.getByTestId('save-state').textContent()).not.toBe('Unsaved changes');
    expect(errors).toEqual([]);
    await context.close();
  });
});
