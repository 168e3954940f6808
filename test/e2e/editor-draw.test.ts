import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  connectHandles,
  dragFromPalette,
  newDocument,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

describe('drawing a pipeline in the editor', () => {
  const suite = useEditorSuite();

  it('drags, connects, configures, undoes, redoes, saves and reopens the same document', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await page.getByTestId('empty-guide').waitFor();

    await dragFromPalette(page, 'producer', 140, 200);
    await dragFromPalette(page, 'queue', 420, 200);
    await dragFromPalette(page, 'worker', 700, 200);
    for (const id of ['producer-1', 'queue-1', 'worker-1']) await nodeOnCanvas(page, id).waitFor();
    expect(await page.getByTestId('empty-guide').count()).toBe(0);

    await connectHandles(
      page,
      { node: 'producer-1', handle: 'out' },
      { node: 'queue-1', handle: 'in' },
    );
    await connectHandles(
      page,
      { node: 'queue-1', handle: 'out' },
      { node: 'worker-1', handle: 'in' },
    );
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('problems').textContent())
      .toContain('No problems found');

    // Configure the worker in the inspector; the node shows it at once.
    await nodeOnCanvas(page, 'worker-1').click();
    const concurrency = page.getByLabel('Concurrency');
    expect(await concurrency.inputValue()).toBe('5');
    await concurrency.fill('8');
    const line = nodeOnCanvas(page, 'worker-1').locator('.pw-node__line').first();
    await expect.poll(() => line.textContent()).toBe('8 × 1 replica');
    // An invalid value is explained in place and not applied.
    await concurrency.fill('0');
    await expect
      .poll(() => page.locator('.field__error').textContent())
      .toBe('Must be an integer from 1 to 10000');
    expect(await line.textContent()).toBe('8 × 1 replica');
    await concurrency.fill('8');

    // Undo takes the typing back as one step; redo brings it back.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => line.textContent()).toBe('5 × 1 replica');
    expect(await concurrency.inputValue()).toBe('5');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => line.textContent()).toBe('8 × 1 replica');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => line.textContent()).toBe('5 × 1 replica');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => line.textContent()).toBe('8 × 1 replica');

    // Save (a new document asks where), with the unsaved marker before and not after.
    expect(await page.getByTestId('dirty-marker').count()).toBe(1);
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+S');
    const path = join(suite.app.userDataDir, 'drawn.pipewright.json');
    const saveAs = page.getByTestId('save-as-dialog');
    await saveAs.getByLabel('File on the host').fill(path);
    await saveAs.getByLabel('File on the host').press('Enter');
    await saveAs.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');
    expect(await page.getByTestId('dirty-marker').count()).toBe(0);
    const saved = await readFile(path, 'utf8');
    const doc = JSON.parse(saved);
    expect(doc.nodes.map((n: { id: string }) => n.id)).toEqual([
      'producer-1',
      'queue-1',
      'worker-1',
    ]);
    expect(doc.nodes[2].config.concurrency).toBe(8);
    expect(doc.edges).toHaveLength(2);
    expect(await page.title()).toBe('Untitled pipeline (drawn.pipewright.json) — Pipewright');

    // Reopen it from a blank document: the same nodes, and saving again writes the same bytes.
    await newDocument(page);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    await page.keyboard.press('Control+O');
    const open = page.getByTestId('open-dialog');
    await open.getByText('drawn.pipewright.json').waitFor();
    await open.getByLabel('File on the host').fill(path);
    await open.getByLabel('File on the host').press('Enter');
    await nodeOnCanvas(page, 'worker-1').waitFor();
    await expect
      .poll(() => nodeOnCanvas(page, 'worker-1').locator('.pw-node__line').first().textContent())
      .toBe('8 × 1 replica');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.keyboard.press('Control+S');
    await expect
      .poll(() => page.getByTestId('toast').textContent())
      .toContain('Saved drawn.pipewright.json');
    expect(await readFile(path, 'utf8')).toBe(saved);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses an illegal connection and says why', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await dragFromPalette(page, 'producer', 160, 200);
    await dragFromPalette(page, 'worker', 560, 200);
    await nodeOnCanvas(page, 'worker-1').waitFor();

    await connectHandles(
      page,
      { node: 'producer-1', handle: 'out' },
      { node: 'worker-1', handle: 'in' },
    );
    const hint = page.getByTestId('toast');
    await expect
      .poll(() => hint.textContent())
      .toBe(
        'A producer adds jobs to a queue, not to a worker; put a queue between them: producer → queue → worker.',
      );
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    // The hint sits by the pointer, where the drop happened.
    const box = await hint.boundingBox();
    const target = await nodeOnCanvas(page, 'worker-1').boundingBox();
    expect(Math.abs((box?.x ?? 0) - (target?.x ?? 0))).toBeLessThan(120);

    expect(errors).toEqual([]);
    await context.close();
  });
});
