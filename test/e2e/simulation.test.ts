import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import {
  SCREENSHOT_DIR,
  newDocument,
  nodeOnCanvas,
  openEditor,
  startWebApp,
  type WebApp,
  simulateAndWait,
} from '../helpers/web-app';

/** Simulate in the app: badges, verdicts, theory, timeline, charts, results and sweeps. */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `simulation-${name}.png`) });

const status = (page: Page) => page.getByTestId('analysis-status');

/** Starts a simulation and waits until it runs, saying what the page shows if it does not. */
async function simulateStarted(page: Page, start: () => Promise<void>, errors: string[]) {
  await start();
  try {
    await status(page).waitFor({ timeout: 15_000 });
    await expect.poll(() => status(page).getAttribute('class')).toContain('running');
  } catch (error) {
    const shown = (await status(page).count()) > 0 ? await status(page).textContent() : 'nothing';
    throw new Error(
      `the simulation did not start; status: ${shown}; errors: ${errors.join(' | ')}`,
      {
        cause: error,
      },
    );
  }
}

/** Sets the selected worker's concurrency in the inspector, as a person types it. */
async function setConcurrency(page: Page, value: number): Promise<Locator> {
  const field = page.getByTestId('inspector').getByLabel('Concurrency');
  await field.fill(String(value));
  return field;
}

/** How many pixels of a chart's canvas are drawn on (not transparent). */
const drawnPixels = (chart: Locator) =>
  chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

describe('simulation in the app', () => {
  let app: WebApp;
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  // A fresh host per test: no recovery offer left over from the test before.
  beforeEach(async () => {
    app = await startWebApp();
  });
  afterEach(async () => {
    await app?.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('badges show the Results figures after a simulation, and mark a replayed frame with its time', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');
    await simulateAndWait(page);
    await page.getByTestId('tab-results').click();
    /** The text of a Results cell: row of node `id`, column `index` (0 = the name). */
    const cell = (id: string, index: number) =>
      page.getByTestId(`result-row-${id}`).locator('td').nth(index).textContent();
    const emails = nodeOnCanvas(page, 'emails');
    const sender = nodeOnCanvas(page, 'email-sender');
    const signup = nodeOnCanvas(page, 'signup');
    await expect
      .poll(() => emails.getByTestId('live-badge').getAttribute('data-mode'))
      .toBe('final');
    // Queue: mean waiting and p95 wait (columns: name, verdict, enqueued, waiting mean, …, p95).
    expect(await emails.getByTestId('badge-depth').textContent()).toBe(await cell('emails', 3));
    expect(await emails.getByTestId('badge-p95').textContent()).toBe(await cell('emails', 7));
    // Worker: throughput and utilisation; producer: its rate.
    expect(await sender.getByTestId('badge-throughput').textContent()).toBe(
      await cell('email-sender', 4),
    );
    expect(await sender.getByTestId('badge-utilisation').textContent()).toBe(
      await cell('email-sender', 5),
    );
    expect(await signup.getByTestId('live-badge').textContent()).toContain(
      (await cell('signup', 2))!,
    );
    expect(await emails.getByTestId('live-badge').getAttribute('title')).toBe(
      'Whole simulation (10:00 measured), as in Results',
    );
    expect(await emails.getByTestId('badge-frame-time').count()).toBe(0);

    // Scrubbed back: each badge is a frame, and says at what time.
    const range = page.getByTestId('scrubber-range');
    const box = (await range.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    const at = (await page.getByTestId('scrubber-time').textContent())!.split(' / ')[0]!;
    await expect.poll(() => emails.getByTestId('badge-frame-time').textContent()).toBe(`@${at}`);
    expect(await sender.getByTestId('live-badge').getAttribute('data-mode')).toBe('frame');
    expect(await sender.getByTestId('live-badge').getAttribute('title')).toMatch(
      new RegExp(`^Frame at ${at}: the \\d+(\\.\\d+)? (ms|s) before it`),
    );
    await shot(page, 'badges-frame');
    // Replayed to the end: the whole run's figures again.
    await page.getByTestId('speed-max').click();
    await page.getByTestId('scrubber-play').click();
    await expect
      .poll(() => emails.getByTestId('live-badge').getAttribute('data-mode'), { timeout: 20_000 })
      .toBe('final');
    expect(await emails.getByTestId('badge-p95').textContent()).toBe(await cell('emails', 7));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('simulates an example, shows figures on the canvas, and a fix changes the prediction', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');
    await simulateAndWait(page);

    // Badges with numbers on every node, read from the live store.
    const sender = nodeOnCanvas(page, 'email-sender');
    await expect
      .poll(() => sender.getByTestId('badge-throughput').textContent())
      .toMatch(/^\d+(\.\d+)?\/s$/);
    expect(await sender.getByTestId('badge-utilisation').textContent()).toMatch(/^\d+(\.\d+)?%$/);
    const emails = nodeOnCanvas(page, 'emails');
    expect(await emails.getByTestId('badge-depth').textContent()).toMatch(/^\d+$/);
    expect(await emails.getByTestId('badge-p95').textContent()).toMatch(/^\d+(\.\d+)? (ms|s)$/);
    expect(await nodeOnCanvas(page, 'signup').getByTestId('live-badge').textContent()).toMatch(
      /\/s/,
    );
    // Edges are as wide as their flow: the busy ones wider than the dead-letter path.
    const widths = await page
      .getByTestId('edge-flow')
      .evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('data-width'))));
    expect(widths.length).toBe(4);
    expect(Math.max(...widths)).toBeGreaterThan(Math.min(...widths) * 3);
    // The verdict, with the status of the run.
    expect(await page.getByTestId('tab-results').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('verdict-stable').waitFor();
    expect(await status(page).textContent()).toContain('Simulation · 10m · seed 1');
    await shot(page, 'badges');

    // Queueing theory in the inspector, while drawing: no simulation needed.
    await sender.click();
    const theory = page.getByTestId('theory');
    expect(await theory.getByTestId('theory-rho').textContent()).toBe('ρ = 0.24');
    expect(await sender.getByTestId('rho-badge').textContent()).toBe('ρ 0.24');
    const field = await setConcurrency(page, 2);
    await expect.poll(() => theory.getByTestId('theory-rho').textContent()).toBe('ρ = 1.2');
    expect(await theory.getByTestId('theory-overload').textContent()).toContain(
      'raise concurrency to 3 or more',
    );
    expect(await sender.getByTestId('rho-badge').getAttribute('class')).toContain(
      'rho-badge--over',
    );
    expect(await page.getByTestId('analysis-stale').textContent()).toContain(
      'F5 to simulate again',
    );
    expect(await page.getByTestId('results-stale').textContent()).toContain(
      'These figures are for the pipeline before your last edits',
    );
    await shot(page, 'theory-overloaded');

    // F5 while still in the field simulates the overloaded pipeline: the backlog grows.
    await simulateAndWait(page, () => field.press('F5'));
    const banner = page.getByTestId('results').getByTestId('verdict-growing');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /Growing without bound: emails \(backlog over the threshold since \d+:\d\d\)/,
    );
    expect(await page.getByTestId('result-row-emails').textContent()).toMatch(
      /growing since \d+:\d\d/,
    );
    expect(await emails.getByTestId('live-badge').getAttribute('class')).toContain(
      'live-badge--hot',
    );
    expect(await emails.getByTestId('live-badge').textContent()).toMatch(/^↗/);
    expect(await page.getByTestId('verdict-growing-compact').textContent()).toMatch(
      /^⚠ emails grows without bound since \d+:\d\d$/,
    );
    const depth = Number(
      (await emails.getByTestId('badge-depth').textContent())?.replace(/,/g, ''),
    );
    expect(depth).toBeGreaterThan(500);
    await page.getByTestId('tab-metrics').click();
    await page.getByTestId('chart-backlog').locator('canvas').waitFor();
    await shot(page, 'growing');

    // Raise concurrency: the prediction changes at once, and the next run is stable again.
    await sender.click();
    await setConcurrency(page, 4);
    await expect.poll(() => theory.getByTestId('theory-rho').textContent()).toBe('ρ = 0.61');
    expect(await theory.getByTestId('theory-overload').count()).toBe(0);
    expect(await theory.getByTestId('theory-p95').textContent()).toMatch(/^≈ \d+(\.\d+)? (ms|s)$/);
    expect(await sender.getByTestId('rho-badge').getAttribute('class')).not.toContain('over');
    await simulateAndWait(page, () => page.keyboard.press('F5'));
    await page.getByTestId('tab-results').click();
    await page.getByTestId('verdict-stable').waitFor();
    expect(await page.getByTestId('analysis-stale').count()).toBe(0);
    // A queue shows the theory of its station: the probability of waiting by Erlang C.
    await emails.click();
    await expect.poll(() => theory.textContent()).toMatch(/P\(wait\)≈ \d/);
    expect(await theory.getByTestId('theory-rho').textContent()).toBe('ρ = 0.61');
    await shot(page, 'theory-queue');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('replays the timeline, charts the selected nodes and saves the results', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');
    // Settings: five simulated minutes, a snapshot a second.
    await page.getByTestId('simulate-settings').click();
    const form = page.getByTestId('simulate-form');
    await form.getByLabel('Duration').fill('5m');
    await form.getByLabel('Snapshot interval').fill('1s');
    await form.getByLabel('Replications').fill('3');
    await shot(page, 'settings');
    await simulateAndWait(page, () => form.getByTestId('simulate-run').click());
    expect(await status(page).textContent()).toContain('Simulation · 5m · seed 1 · 3 replications');

    // The scrubber: at the end, then dragged back, then replayed.
    const time = page.getByTestId('scrubber-time');
    expect(await time.textContent()).toBe('5:00 / 5:00');
    const range = page.getByTestId('scrubber-range');
    const box = (await range.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.25, box.y + box.height / 2);
    await expect.poll(() => time.textContent()).toMatch(/^1:\d\d \/ 5:00$/);
    const before = await time.textContent();
    await page.getByTestId('speed-100').click();
    await page.getByTestId('scrubber-play').click();
    await expect.poll(() => time.textContent()).not.toBe(before);
    await page.getByTestId('speed-max').click();
    await expect.poll(() => time.textContent(), { timeout: 20_000 }).toBe('5:00 / 5:00');
    expect(await page.getByTestId('scrubber-play').getAttribute('aria-label')).toBe(
      'Replay the snapshots',
    );

    // Metrics: three charts drawn, for every queue and worker, then for the selected worker.
    await page.getByTestId('tab-metrics').click();
    for (const id of ['chart-backlog', 'chart-throughput', 'chart-latency']) {
      await expect.poll(() => drawnPixels(page.getByTestId(id))).toBeGreaterThan(500);
    }
    expect(
      await page.getByTestId('chart-throughput').locator('.chart__legend').textContent(),
    ).toContain('email-sender');
    await nodeOnCanvas(page, 'dlq-alerts').click();
    await expect
      .poll(() => page.getByTestId('chart-latency').locator('.chart__title').textContent())
      .toBe('Wait time of dead-letters');
    expect(await page.getByTestId('chart-throughput').locator('.chart__legend').textContent()).toBe(
      'dlq-alerts',
    );
    // Clicking a chart moves the playhead there.
    const plot = (await page.getByTestId('chart-throughput').locator('.u-over').boundingBox())!;
    await page.mouse.click(plot.x + plot.width / 2, plot.y + plot.height / 2);
    await expect.poll(() => time.textContent()).toMatch(/^2:\d\d \/ 5:00$/);
    await shot(page, 'metrics');

    // Results: copy, and save as CSV and JSON.
    await page.getByTestId('tab-results').click();
    expect(await page.getByTestId('results-queue').textContent()).toContain('±');
    await page.getByTestId('results-copy').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')[0]).toMatch(/^id\tname\tkind\tcreated\t/);
    const dir = join(tmpdir(), `pipewright-sim-e2e-${process.pid}`);
    try {
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('results-csv').click(),
      ]);
      expect(csvDownload.suggestedFilename()).toBe('welcome-emails-simulation.csv');
      await csvDownload.saveAs(join(dir, 'results.csv'));
      const lines = (await readFile(join(dir, 'results.csv'), 'utf8')).trimEnd().split('\r\n');
      const header = lines[0]!.split(',');
      expect(header).toContain('wait_p95_ms_ci95');
      const row = lines.find((l) => l.startsWith('email-sender,'))!.split(',');
      expect(row[header.indexOf('kind')]).toBe('worker');
      expect(Number(row[header.indexOf('throughput_per_sec')])).toBeGreaterThan(15);
      expect(lines).toHaveLength(7);
      const [jsonDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('results-json').click(),
      ]);
      await jsonDownload.saveAs(join(dir, 'results.json'));
      const summary = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
      expect(summary).toMatchObject({
        format: 'pipewright-summary/v1',
        mode: 'simulate',
        replications: 3,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await shot(page, 'results');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the concurrency a queue needs with a what-if sweep, and applies it', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'email-sender').click();
    await setConcurrency(page, 2);
    await page.getByTestId('tab-what-if').click();
    const panel = page.getByTestId('what-if');
    expect(await panel.getByTestId('sweep-parameter').inputValue()).toBe(
      'concurrency:email-sender',
    );
    expect(await panel.getByTestId('sweep-from').inputValue()).toBe('1');
    expect(await panel.getByTestId('sweep-to').inputValue()).toBe('7');
    await panel.getByTestId('sweep-target').fill('500');
    await panel.getByTestId('sweep-run').click();
    const answer = panel.getByTestId('sweep-answer');
    await answer.waitFor({ timeout: 60_000 });
    expect(await answer.textContent()).toContain(
      'Smallest concurrency that keeps p95 wait under 500 ms',
    );
    const value = Number(await answer.getByTestId('sweep-answer-value').textContent());
    // 2.45 busy slots on average: 3 is the least that can keep up at all.
    expect(value).toBeGreaterThanOrEqual(3);
    expect(value).toBeLessThanOrEqual(5);
    await expect.poll(() => drawnPixels(panel.getByTestId('chart-sweep'))).toBeGreaterThan(500);
    expect(await panel.getByTestId('sweep-points').locator('tbody tr').count()).toBe(7);
    await shot(page, 'what-if');
    await answer.getByTestId('sweep-apply').click();
    await expect
      .poll(() => page.getByTestId('inspector').getByLabel('Concurrency').inputValue())
      .toBe(String(value));
    // The theory follows the edit from the validation worker, a moment later.
    await expect
      .poll(() => page.getByTestId('theory').getByTestId('theory-overload').count())
      .toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stops a flood early at the memory bound and says why and which queue grew', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'signup').click();
    const rate = page.getByTestId('inspector').getByLabel('Rate');
    await rate.fill('1000000');
    await rate.press('Tab');
    await simulateAndWait(page);
    await page.getByTestId('tab-results').click();
    const banner = page.getByTestId('early-stop');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(
      /^⚠ Stopped early at [\d.]+ s of simulated time: more than 2,097,152 jobs were in the model at once \(its memory bound\)\./,
    );
    const queues = page.getByTestId('early-stop-queues');
    expect(await queues.textContent()).toMatch(
      /^emails: [\d.]+M jobs queued, growing by [\d.]+[kM]\/s/,
    );
    expect(await page.getByTestId('early-stop-compact').textContent()).toMatch(
      /^⚠ Stopped early at [\d.]+ s$/,
    );
    // Not "every queue is stable": the run never got far enough to say; the queue is growing.
    expect(await page.getByTestId('verdict-stable').count()).toBe(0);
    expect(await page.getByTestId('results-queue').textContent()).toMatch(
      /^Queue.*emails\s*growing/,
    );
    expect(await status(page).textContent()).toMatch(/^⚠ Simulation/);
    await queues.getByRole('button', { name: 'emails' }).click();
    await expect
      .poll(() => nodeOnCanvas(page, 'emails').getAttribute('class'))
      .toContain('selected');
    await shot(page, 'stopped-early');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the UI responsive during a long simulation, which can be cancelled', async () => {
    const { page, errors, context } = await openEditor(browser, app, { colorScheme: 'dark' });
    await newDocument(page, 'upload-processing');
    await page.getByTestId('simulate-settings').click();
    await page.getByTestId('simulate-form').getByLabel('Duration').fill('720h');
    await simulateStarted(page, () => page.keyboard.press('Enter'), errors);
    const cancel = page.locator('[data-action="cancel-simulation"]');
    await expect.poll(() => cancel.textContent()).toMatch(/^Cancel \d+%$/);
    // The page keeps drawing frames while the simulation runs in its worker.
    const longestFrameGap = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let last = performance.now();
          let longest = 0;
          const started = last;
          const frame = (now: number) => {
            longest = Math.max(longest, now - last);
            last = now;
            if (now - started < 1000) requestAnimationFrame(frame);
            else resolve(longest);
          };
          requestAnimationFrame(frame);
        }),
    );
    console.log(`longest frame gap while simulating: ${Math.round(longestFrameGap)} ms`);
    expect(longestFrameGap).toBeLessThan(1500);
    // Editing still works meanwhile.
    const worker = page.locator('.react-flow__node-worker').first();
    await worker.click();
    await page.getByTestId('theory').waitFor();
    expect(await status(page).getAttribute('class')).toContain('analysis-status--running');
    await page.getByTestId('bottom-panel').getByRole('tab', { name: 'Metrics' }).click();
    await shot(page, 'running-dark');
    await page.keyboard.press('Shift+F5');
    await expect
      .poll(() => status(page).getAttribute('class'))
      .toContain('analysis-status--cancelled');
    expect(await page.locator('[data-action="simulate"]').isEnabled()).toBe(true);
    expect(await page.getByTestId('live-badge').count()).toBeGreaterThan(0);
    await shot(page, 'cancelled-dark');
    expect(errors).toEqual([]);
    await context.close();
  });
});
