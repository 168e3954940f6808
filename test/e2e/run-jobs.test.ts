import { describe, expect, inject, it } from 'vitest';
import { useEditorSuite } from '../helpers/editor-suite';
import { screenshotter, runExample, nodeOnCanvas, openEditor } from '../helpers/web-app';

const redisUrl = inject('redisUrl');
const shot = screenshotter('jobs-');

describe('browsing a running queue’s jobs', () => {
  const suite = useEditorSuite({ redisUrl });

  it('lists jobs by state with their data and failures, and retries or removes the run’s own', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await runExample(page, 'welcome-emails');
    // The queue's browser in the inspector keeps up by itself: completed jobs.
    await nodeOnCanvas(page, 'emails').click();
    const browserBox = page.getByTestId('inspector').getByTestId('job-browser');
    await browserBox.getByTestId('jobs-state-completed').click();
    await expect.poll(() => browserBox.getByTestId('job-row').count()).toBeGreaterThan(0);
    await browserBox.getByTestId('job-row').first().click();
    expect(JSON.parse((await browserBox.getByTestId('job-data').textContent())!)).toEqual({
      payload: { userId: 'u-123', template: 'welcome' },
    });
    expect(await browserBox.getByTestId('jobs-read-at').textContent()).toMatch(
      /^As of \d\d:\d\d:\d\d · updates paused while a job is open$/,
    );

    // Every attempt fails from now on.
    await page.getByTestId('tab-run').click();
    const failures = page.getByTestId('run-panel').getByTestId('live-failure-email-sender');
    await failures.fill('100');
    await failures.press('Enter');

    // Failed jobs (three attempts with 1 s and 2 s backoff): reason, stack traces, attempts.
    await browserBox.getByTestId('jobs-state-failed').click();
    await expect
      .poll(() => browserBox.getByTestId('job-row').count(), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
    const first = browserBox.getByTestId('job-row').first();
    const id = /#(\S+)/.exec((await first.textContent())!)![1]!;
    await first.click();
    const details = browserBox.getByTestId(`job-details-${id}`);
    expect(await details.getByTestId('job-failed-reason').textContent()).toBe(
      'synthetic failure (failure rate 1)',
    );
    expect(await details.getByText('Stack traces (3)').count()).toBe(1);
    expect(await details.textContent()).toContain('3 made, 3 started');
    await shot(page, 'failed');

    // Retry: it leaves the failed list (it goes back to waiting and runs again).
    await details.getByTestId('job-retry').click();
    await expect
      .poll(async () => (await browserBox.getByTestId('job-row').allTextContents()).join(' '))
      .not.toContain(`#${id} `);
    // Remove another failed job: gone.
    const other = browserBox.getByTestId('job-row').first();
    const otherId = /#(\S+)/.exec((await other.textContent())!)![1]!;
    await other.click();
    await browserBox.getByTestId(`job-details-${otherId}`).getByTestId('job-remove').click();
    await expect
      .poll(async () => (await browserBox.getByTestId('job-row').allTextContents()).join(' '))
      .not.toContain(`#${otherId} `);

    await page.getByTestId('run-stop').click();
    await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();
    // The run's keys were removed at the stop: nothing left to browse.
    await browserBox.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
