import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, type PipelineDocument } from '../../shared/document';
import {
  EXAMPLES_DIR,
  connectHandles,
  dragFromPalette,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

/** What a pipeline means, whatever its ids and layout: nodes by name, edges by their ends. */
function meaning(doc: PipelineDocument) {
  const name = new Map(doc.nodes.map((n) => [n.id, n.name]));
  return {
    name: doc.name,
    nodes: Object.fromEntries(doc.nodes.map((n) => [n.name, { kind: n.kind, config: n.config }])),
    edges: doc.edges
      .map((e) => `${name.get(e.from)} → ${name.get(e.to)} ${e.on ?? 'completed'}`)
      .sort(),
  };
}

/** Drags from a handle and lets go on empty canvas, which creates the node that fits there. */
async function dragOut(page: Page, node: string, handle: string, dx: number, dy: number) {
  const box = (await nodeOnCanvas(page, node)
    .locator(`.react-flow__handle[data-handleid="${handle}"]`)
    .boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 6 });
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

describe('a new user rebuilds the welcome-emails example', () => {
  const suite = useEditorSuite();

  it('from a blank canvas, with mouse and keyboard only, and gets the same pipeline', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const inspector = page.getByTestId('inspector');
    const field = (label: string) => inspector.getByLabel(label, { exact: true });
    const select = async (id: string) => {
      await nodeOnCanvas(page, id).locator('.pw-node__name').click();
      await expect.poll(() => inspector.locator('h2').first().textContent()).toBeTruthy();
    };

    // Draw: three nodes from the palette, two connections, then the dead-letter branch by
    // dragging a worker's "failed" handle, and a queue's output, out onto empty canvas.
    await dragFromPalette(page, 'producer', 100, 120);
    await dragFromPalette(page, 'queue', 310, 120);
    await dragFromPalette(page, 'worker', 520, 120);
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
    // (Not too close to the canvas edge, where dragging a connection scrolls the view.)
    await dragOut(page, 'worker-1', 'failed', 120, 150);
    await nodeOnCanvas(page, 'queue-2').waitFor();
    await dragOut(page, 'queue-2', 'out', 110, 0);
    await nodeOnCanvas(page, 'worker-2').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);

    // Configure each node in the inspector; rename one with F2 on the canvas.
    await select('producer-1');
    await field('Name').fill('signup-api');
    await field('Rate').fill('20');
    await field('Job name').fill('send-welcome');
    await field('Payload').fill('{ "userId": "u-123", "template": "welcome" }');

    await select('queue-1');
    await page.keyboard.press('F2');
    await page.getByLabel('Node name').fill('emails');
    await page.keyboard.press('Enter');

    await select('worker-1');
    await field('Name').fill('email-sender');
    await field('Concurrency').fill('10');
    await field('Mean').fill('120');
    await field('Std dev').fill('60');
    // Failure rates are typed in percent, with or without the sign; the file keeps 0.02.
    await field('Failing attempts').fill('150');
    await page
      .getByTestId('inspector')
      .getByText('Must be a percentage from 0 to 100, e.g. 2 or 2%')
      .waitFor();
    await field('Failing attempts').fill('2%');

    await select('queue-2');
    await field('Name').fill('dead-letters');
    await field('Attempts').fill('');
    await field('Backoff').selectOption('none');
    await field('Failed jobs').selectOption('keep');

    await select('worker-2');
    await field('Name').fill('dlq-alerts');
    await field('Concurrency').fill('1');
    await field('Distribution').selectOption('fixed');
    await field('Time').fill('50');

    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await field('Name').fill('Welcome emails');
    await expect
      .poll(() => page.getByTestId('problems').textContent())
      .toContain('No problems found');

    // Save, and compare with the example as shipped.
    await page.keyboard.press('Control+S');
    const path = join(suite.app.userDataDir, 'rebuilt.pipewright.json');
    const dialog = page.getByTestId('save-as-dialog');
    await dialog.getByLabel('File on the host').fill(path);
    await dialog.getByLabel('File on the host').press('Enter');
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('All changes saved');

    const rebuilt = parseDocumentText(await readFile(path, 'utf8'));
    const example = parseDocumentText(
      await readFile(join(EXAMPLES_DIR, 'welcome-emails.pipewright.json'), 'utf8'),
    );
    expect(rebuilt.ok && example.ok).toBe(true);
    if (rebuilt.ok && example.ok)
      expect(meaning(rebuilt.document)).toEqual(meaning(example.document));
    expect(errors).toEqual([]);
    await context.close();
  });
});
