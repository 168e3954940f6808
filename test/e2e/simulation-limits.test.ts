import { describe, expect, it } from 'vitest';
import {
  drawnPixels,
  setConcurrency,
  simulateStarted,
  status,
  useSimulationSuite,
} from '../helpers/simulation';
import {
  screenshotter,
  newDocument,
  nodeOnCanvas,
  openEditor,
  simulateAndWait,
} from '../helpers/web-app';

/** Simulate in the app at its limits: a what-if sweep, a flood stopped early, a long simulation. */

const shot = screenshotter('simulation-');

describe('simulation in the app, at its limits', () => {
  const suite = useSimulationSuite();

  it('finds the concurrency a queue needs with a what-if sweep, and applies it', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
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
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
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
    const { page, errors, context } = await openEditor(suite.browser, suite.app, {
      colorScheme: 'dark',
    });
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
