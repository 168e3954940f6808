import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, clickNode, newDocument, openEditor } from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

const field = (page: Page, label: string) =>
  page.getByTestId('inspector').getByLabel(label, { exact: true });

describe('when a job fails for good', () => {
  const suite = useEditorSuite();

  it('shows the time from first attempt to final failure, and follows attempts and jitter', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await clickNode(page, 'emails');
    const summary = page.getByTestId('final-failure-summary');
    // 3 attempts of 120 ms (email-sender's mean) with exponential backoff 1 s, 2 s: 3.36 s.
    expect(await summary.textContent()).toBe(
      'After 3 attempts: 3.4 s after its first attempt started.',
    );
    expect(await page.getByTestId('final-failure').textContent()).toMatch(/tried 3×: 3× the work/);

    await field(page, 'Jitter').fill('0.5');
    await field(page, 'Jitter').press('Enter');
    // Jittered: each delay uniform in [½ base, base]: 1.86 s to 3.36 s, median in the middle.
    await expect
      .poll(() => summary.textContent())
      .toMatch(
        /^After 3 attempts: 1\.9 s to 3\.4 s after its first attempt started, half within 2\.6 s, 95% within 3\.\d s\.$/,
      );
    await page.getByTestId('final-failure').screenshot({
      path: join(SCREENSHOT_DIR, 'inspector-final-failure.png'),
    });

    await field(page, 'Attempts').fill('1');
    await field(page, 'Attempts').press('Enter');
    await expect
      .poll(() => page.getByTestId('final-failure').textContent())
      .toMatch(/On its first failure: this queue makes 1 attempt/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
