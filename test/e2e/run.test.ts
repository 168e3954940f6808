import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import { screenshotter, newDocument, nodeOnCanvas, openEditor } from '../helpers/web-app';

const redisUrl = inject('redisUrl');

/** A number as the badges write it (`1,234`, `1.2k`). */
function parseCount(text: string | null): number {
  const match = /([\d.,]+)\s*([kM]?)/.exec(text ?? '');
  if (!match) return Number.NaN;
  const n = Number(match[1]!.replace(/,/g, ''));
  return match[2] === 'k' ? n * 1000 : match[2] === 'M' ? n * 1e6 : n;
}

/** The waiting jobs a queue's badge on the canvas shows. */
const depth = async (page: Page, id: string) =>
  parseCount(await nodeOnCanvas(page, id).getByTestId('badge-depth').textContent());
const badge = (page: Page, id: string) => nodeOnCanvas(page, id).getByTestId('live-badge');
const shot = screenshotter('run-');

describe('a real run in web mode', () => {
  const suite = useEditorSuite({ redisUrl });
  let downloads: string;
  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'pipewright-report-'));
  });
  afterAll(async () => {
    await rm(downloads, { recursive: true, force: true });
  });

  it('runs an example on Redis, steers it, stops it and saves its report', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    const redis = page.getByTestId('redis-status');
    await expect.poll(() => redis.textContent()).toMatch(/^Redis 7\.\d+\.\d+ · external$/);

    // Run: the badges appear and move.
    await page.getByTestId('run-start').click();
    await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
    await badge(page, 'signup').waitFor();
    const made = async () =>
      parseCount(
        await badge(page, 'signup')
          .textContent()
          .then((t) => /([\d.,]+k?) made/.exec(t ?? '')?.[1] ?? ''),
      );
    const firstMade = await made();
    await expect.poll(made, { timeout: 20_000 }).toBeGreaterThan(firstMade + 10);
    await expect.poll(() => badge(page, 'email-sender').textContent()).toMatch(/\/s/);
    await shot(page, 'running');

    // Pause the queue from the inspector: its depth grows; resume: it drains.
    await nodeOnCanvas(page, 'emails').click();
    const inspector = page.getByTestId('inspector');
    await inspector.getByTestId('live-pause-emails').click();
    await page.getByTestId('run-banner').filter({ hasText: '1 queue paused' }).waitFor();
    await expect.poll(() => depth(page, 'emails'), { timeout: 10_000 }).toBeGreaterThanOrEqual(25);
    await shot(page, 'paused');
    await inspector.getByTestId('live-resume-emails').click();
    await expect.poll(() => depth(page, 'emails'), { timeout: 10_000 }).toBeLessThan(10);

    // Bad values are refused by the host with a clear message beside the control.
    await nodeOnCanvas(page, 'signup').click();
    await inspector.getByTestId('live-rate-signup').fill('-1');
    await inspector.getByTestId('live-rate-signup').press('Enter');
    await expect
      .poll(() => inspector.getByTestId('live-error-signup').textContent())
      .toMatch(/ratePerSec: must be a number from 0 to 100000/);
    await inspector.getByTestId('live-rate-signup').fill('40');
    await inspector.getByTestId('live-rate-signup').press('Enter');
    await inspector.getByTestId('live-error-signup').waitFor({ state: 'detached' });

    // The Run tab steers every node: inject failures, refuse a bad concurrency.
    await page.getByTestId('tab-run').click();
    const panel = page.getByTestId('run-panel');
    const failures = panel.getByTestId('live-failure-email-sender');
    await failures.fill('50');
    await failures.press('Enter');
    await panel.getByTestId('live-concurrency-email-sender').fill('0');
    await panel.getByTestId('live-concurrency-email-sender').press('Enter');
    await expect
      .poll(() => page.getByTestId('run-error-email-sender').textContent())
      .toMatch(/concurrency: must be an integer from 1 to 10000/);
    await panel.getByTestId('live-concurrency-email-sender').fill('5');
    await panel.getByTestId('live-concurrency-email-sender').press('Enter');
    await page.getByTestId('run-error-email-sender').waitFor({ state: 'detached' });
    await shot(page, 'controls');

    // The Log tab lists the controls and the failures, with their error, filterable.
    await page.getByTestId('tab-log').click();
    const entries = page.getByTestId('log-entry');
    await expect
      .poll(() => entries.allTextContents())
      .toEqual(
        expect.arrayContaining([
          expect.stringMatching(/queue "emails" paused/),
          expect.stringMatching(/queue "emails" resumed/),
          expect.stringMatching(/now fails 50% of attempts/),
        ]),
      );
    await expect
      .poll(() => entries.filter({ hasText: /failed in worker "email-sender"/ }).count())
      .toBeGreaterThan(0);
    await page.getByTestId('log-node').selectOption('emails');
    await expect.poll(() => entries.count()).toBe(2);
    await page.getByTestId('log-node').selectOption('');
    // A chip shows only its kind ("Warnings 7" lists the warnings: failed attempts that will be
    // retried); clicked again, every kind.
    const levels = () =>
      page.locator('[data-testid="log-entry"] .log-entry__level').allTextContents();
    const allCount = await entries.count();
    await page.getByTestId('log-level-warn').click();
    expect(await page.getByTestId('log-level-warn').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(async () => [...new Set(await levels())]).toEqual(['warn']);
    await page.getByTestId('log-level-info').click();
    await expect.poll(async () => [...new Set(await levels())]).toEqual(['info']);
    await page.getByTestId('log-level-info').click();
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(allCount);
    expect([...new Set(await levels())]).toEqual(expect.arrayContaining(['warn', 'info']));
    await shot(page, 'log');

    // Kill the sender's only replica: the Run tab counts it, the log says what happens next.
    await page.getByTestId('tab-run').click();
    await panel.getByTestId('live-kill-email-sender').click();
    await expect
      .poll(() => panel.getByTestId('live-replicas-email-sender').textContent())
      .toBe('down: 0 alive (design 1)');
    expect(await panel.getByTestId('live-kill-email-sender').isDisabled()).toBe(true);
    await page.getByTestId('tab-log').click();
    await entries.filter({ hasText: /killed replica #0 of worker "email-sender"/ }).waitFor();

    // Stop: the summary, predicted versus measured, and the report.
    await page.getByTestId('run-stop').click();
    await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
    // The pointer still rests on the button: its tooltip stays quiet over "Save report".
    await page.waitForTimeout(600);
    expect(
      await page.getByTestId('run-start').evaluate((e) => getComputedStyle(e, '::after').opacity),
    ).toBe('0');
    await page.getByTestId('tab-run').click();
    const comparison = page.getByTestId('comparison-table');
    await comparison.waitFor();
    expect(await comparison.textContent()).toMatch(/email-sender.*throughput jobs\/s/);
    expect(await page.getByTestId('run-outcome').textContent()).toMatch(/keys removed from Redis/);
    await shot(page, 'stopped');

    const [html] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('run-panel').getByTestId('report-html').click(),
    ]);
    expect(html.suggestedFilename()).toMatch(/^run-[0-9a-f]+-report\.html$/);
    const htmlPath = join(downloads, html.suggestedFilename());
    await html.saveAs(htmlPath);
    const htmlText = await readFile(htmlPath, 'utf8');
    expect(htmlText).toMatch(/<html/i);
    expect(htmlText).toContain('Welcome emails');

    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('run-panel').getByTestId('report-json').click(),
    ]);
    const jsonPath = join(downloads, json.suggestedFilename());
    await json.saveAs(jsonPath);
    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as {
      format: string;
      summary: { mode: string; nodes: Record<string, { completed?: number }> };
      comparison: unknown[];
      log: Array<{ message: string }>;
    };
    expect(report.format).toBe('pipewright-run-report/v1');
    expect(report.summary.mode).toBe('run');
    expect(report.summary.nodes['email-sender']?.completed).toBeGreaterThan(20);
    expect(report.comparison.length).toBeGreaterThan(0);
    expect(report.log.some((l) => /paused/.test(l.message))).toBe(true);

    expect(errors).toEqual([]);
    await context.close();
  });
});
