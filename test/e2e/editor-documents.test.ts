import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, serializeDocument } from '../../shared/document';
import {
  EXAMPLES_DIR,
  dragFromPalette,
  newDocument,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

describe('documents: recovery, import, export, title', () => {
  const suite = useEditorSuite();

  it('offers to restore unsaved work after the page dies, and discards it on request', async () => {
    const first = await openEditor(suite.browser, suite.app);
    await dragFromPalette(first.page, 'queue', 300, 200);
    await dragFromPalette(first.page, 'worker', 600, 200);
    await nodeOnCanvas(first.page, 'worker-1').waitFor();
    expect(await first.page.title()).toBe('● Untitled pipeline — Pipewright');
    // Autosave writes the recovery copy within a few seconds.
    await expect
      .poll(async () => (await suite.app.services.recovery.list()).length, { timeout: 10_000 })
      .toBe(1);
    await first.context.close(); // a crash: no save, no goodbye

    const second = await openEditor(suite.browser, suite.app);
    const banner = second.page.getByTestId('recovery-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('unsaved changes to Untitled pipeline');
    await banner.getByRole('button', { name: 'Restore' }).click();
    await nodeOnCanvas(second.page, 'worker-1').waitFor();
    expect(await second.page.locator('.react-flow__node').count()).toBe(2);
    expect(await second.page.getByTestId('dirty-marker').count()).toBe(1);
    expect(await banner.count()).toBe(0);
    await expect
      .poll(async () => (await suite.app.services.recovery.list()).length, { timeout: 10_000 })
      .toBe(1);
    await second.context.close();

    const third = await openEditor(suite.browser, suite.app);
    const offer = third.page.getByTestId('recovery-banner');
    await offer.getByRole('button', { name: 'Discard' }).click();
    expect(await offer.count()).toBe(0);
    await expect.poll(async () => (await suite.app.services.recovery.list()).length).toBe(0);
    expect([...first.errors, ...second.errors, ...third.errors]).toEqual([]);
    await third.context.close();
  });

  it('imports a JSON file and exports the canonical bytes', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const source = join(EXAMPLES_DIR, 'nightly-report.pipewright.json');
    await (await importChooser(page)).setFiles(source);
    await expect
      .poll(() => page.getByTestId('doc-title').textContent())
      .toContain('Nightly report');
    expect(await page.getByTestId('dirty-marker').count()).toBe(1);

    const download = page.waitForEvent('download');
    await page.locator('[data-action="export"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('nightly-report.pipewright.json');
    const exported = await readFile((await file.path())!, 'utf8');
    const original = await readFile(source, 'utf8');
    const parsed = parseDocumentText(original);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(exported).toBe(serializeDocument(parsed.document));

    // A broken file is refused with the path and the problem, and the document stays.
    const broken = join(suite.app.userDataDir, 'broken.pipewright.json');
    await writeFile(broken, original.replace('"concurrency": 1', '"concurrency": 0'));
    await (await importChooser(page)).setFiles(broken);
    const dialog = page.getByTestId('errors-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(
      /nodes\[\d\]\.config\.concurrency.*must be an integer from 1 to 10000/,
    );
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await page.getByTestId('doc-title').textContent()).toContain('Nightly report');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what is wrong when a path cannot be opened', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await page.keyboard.press('Control+O');
    const open = page.getByTestId('open-dialog');
    await open
      .getByLabel('File on the host')
      .fill(join(suite.app.userDataDir, 'missing.pipewright.json'));
    await open.getByLabel('File on the host').press('Enter');
    const dialog = page.getByTestId('errors-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Could not open missing.pipewright.json');
    expect(await page.getByTestId('doc-title').textContent()).toContain('Welcome emails');
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await context.close();
  });
});

/**
 * Presses Ctrl+I and waits for the file chooser. On a saturated machine Chromium can drop the
 * chooser a key press asks for, so the press is tried once more before the test fails.
 */
async function importChooser(page: Page): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press('Control+I');
    try {
      return await chooser;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}
