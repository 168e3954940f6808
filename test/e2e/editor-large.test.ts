import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serializeDocument } from '../../shared/document';
import { bigPipeline } from '../helpers/big-pipeline';
import { useEditorSuite } from '../helpers/editor-suite';
import { clickNode, openEditor } from '../helpers/web-app';

const status = (page: Page) => page.getByTestId('statusbar').textContent();

describe('a pipeline too large to check on the UI thread', () => {
  const suite = useEditorSuite();

  it('is checked in the validation worker, and its findings follow edits', async () => {
    // 110 lanes: 1,100 nodes, over the 1,000 checked in the edit's own task.
    const path = join(suite.app.userDataDir, 'large.pipewright.json');
    await writeFile(path, serializeDocument(bigPipeline(110)));
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.keyboard.press('Control+O');
    const input = page.getByTestId('open-dialog').getByLabel('File on the host');
    await input.fill(path);
    await input.press('Enter');
    await expect
      .poll(() => status(page), { timeout: 20_000 })
      .toContain('1,100 nodes · 1,540 edges');
    // Every lane's last queue has no worker: 110 warnings, found by the worker.
    await expect.poll(() => status(page), { timeout: 20_000 }).toContain('0 errors, 110 warnings');
    expect(workers.filter((url) => url.includes('validation'))).toHaveLength(1);

    // Overload one lane (one in the middle: at the smallest zoom the top and bottom lanes are
    // off screen): the worker's answer brings the new finding.
    await clickNode(page, 'l55-p');
    await expect.poll(() => page.locator('.inspector__title').textContent()).toContain('l55-p');
    await page.getByTestId('inspector').getByLabel('Rate', { exact: true }).fill('1000');
    await expect
      .poll(() => status(page), { timeout: 20_000 })
      .not.toContain('0 errors, 110 warnings');
    const problems = await page.getByTestId('problems').textContent();
    expect(problems).toContain('l55-q1');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => status(page), { timeout: 20_000 }).toContain('0 errors, 110 warnings');
    expect(errors).toEqual([]);
    await context.close();
  });
});
