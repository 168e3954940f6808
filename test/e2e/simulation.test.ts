import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawnPixels, setConcurrency, status, useSimulationSuite } from '../helpers/simulation';
import {
  screenshotter,
  newDocument,
  nodeOnCanvas,
  openEditor,
  simulateAndWait,
} from '../helpers/web-app';

/** Simulate in the app: badges, verdicts, theory, timeline, charts and results. */

const shot = screenshotter('simulation-');

describe('simulation in the app', () => {
  const suite = useSimulationSuite();

  it('badges show the Results figures after a simulation, and mark a replayed frame with its time', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
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
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
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
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
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
});
