import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseDocumentText } from '../../shared/document';
import { simulate } from '../../shared/simulation';
import { formatMeanCount } from '../../renderer/analysis/waiting-children-view';
import { formatCompactCount } from '../../shared/metrics/format';
import {
  SCREENSHOT_DIR,
  clickNode,
  connectHandles,
  dragFromPalette,
  newDocument,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

/** A BullMQ flow drawn from a blank canvas, simulated, and read back from the canvas and Results. */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `flows-${name}.png`) });

/** Clicks an edge on the canvas, half-way along its path, as a person aims at it. */
async function clickEdge(page: Page, id: string): Promise<void> {
  const at = await page
    .locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-interaction`)
    .evaluate((path: SVGPathElement) => {
      const p = path.getPointAtLength(path.getTotalLength() / 2);
      const m = path.getScreenCTM()!;
      return { x: p.x * m.a + p.y * m.c + m.e, y: p.x * m.b + p.y * m.d + m.f };
    });
  await page.mouse.click(at.x, at.y);
}

/** The text of a Results cell: the row of node `id`, the column titled `title`. */
async function resultCell(page: Page, kind: string, id: string, title: string) {
  const table = page.getByTestId(`results-${kind}`);
  const titles = await table.locator('thead th').allTextContents();
  const index = titles.indexOf(title);
  if (index < 0) throw new Error(`no column "${title}" in ${titles.join(' | ')}`);
  return table.getByTestId(`result-row-${id}`).locator('td').nth(index).textContent();
}

describe('a BullMQ flow in the editor', () => {
  const suite = useEditorSuite();

  it('draws a fan-out and its join by mouse, simulates it, and shows parents waiting for their children', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const { page, errors, context } = await openEditor(suite.browser, suite.app, {
      width: 1800,
      height: 1000,
    });
    await page.getByTestId('empty-guide').waitFor();

    // report-requests → reports → splitter, which fans out parts and joins them on assemble.
    const drops: Array<[string, number, number]> = [
      ['producer', 110, 260],
      ['queue', 340, 260],
      ['worker', 570, 260],
      ['queue', 860, 90],
      ['worker', 1110, 90],
      ['queue', 860, 450],
      ['worker', 1110, 450],
    ];
    for (const [kind, x, y] of drops) await dragFromPalette(page, kind, x, y);
    const ids = ['producer-1', 'queue-1', 'worker-1', 'queue-2', 'worker-2', 'queue-3', 'worker-3'];
    for (const id of ids) await nodeOnCanvas(page, id).waitFor();
    const links: Array<[string, string]> = [
      ['producer-1', 'queue-1'],
      ['queue-1', 'worker-1'],
      ['worker-1', 'queue-2'],
      ['queue-2', 'worker-2'],
      ['worker-1', 'queue-3'],
      ['queue-3', 'worker-3'],
    ];
    for (const [from, to] of links) {
      await connectHandles(page, { node: from, handle: 'out' }, { node: to, handle: 'in' });
    }
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(6);
    const inspector = page.getByTestId('inspector');
    const carries = inspector.getByLabel('Carries');

    // The children: aim at the edge on the canvas, then say what it carries in the inspector.
    await clickEdge(page, 'e3');
    await expect
      .poll(() => inspector.locator('.edge-route').textContent())
      .toBe('worker-1 → queue-2');
    expect(await inspector.locator('.field__help').first().textContent()).toBe(
      'For a BullMQ flow (fan-out, then join), set one edge from this worker to Children and another to Parent.',
    );
    await carries.selectOption('children');
    await inspector.getByLabel('Children', { exact: true }).fill('10');
    await inspector.getByLabel('When a child fails for good').selectOption('failParentOnFailure');
    await expect
      .poll(() => inspector.locator('.field__help').first().textContent())
      .toBe(
        'Now select another edge from “worker-1” to a queue and set it to Parent: the job that runs once these children are done.',
      );
    // Half a flow is a problem that says what is missing.
    await expect
      .poll(() => page.getByTestId('problems').textContent())
      .toContain('fans out children onto "queue-2" but has no parent edge');
    await expect.poll(() => page.getByTestId('edge-label-e3').textContent()).toBe('children × 10');
    await shot(page, 'children-edge');

    // The parent: found from the worker's outputs, without aiming at a thin edge.
    await clickNode(page, 'worker-1');
    const outputs = inspector.getByTestId('worker-output-e5');
    expect(await outputs.textContent()).toBe('→ queue-3completed jobs');
    expect(await inspector.getByTestId('worker-output-e3').textContent()).toBe(
      '→ queue-2children × 10',
    );
    await shot(page, 'worker-outputs');
    await outputs.click();
    await carries.selectOption('parent');
    await expect
      .poll(() => inspector.locator('.field__help').first().textContent())
      .toBe('Runs on “queue-3” once all its children on “queue-2” are done.');
    await expect.poll(() => page.getByTestId('edge-label-e5').textContent()).toBe('parent (join)');
    await expect
      .poll(() => page.getByTestId('problems').textContent())
      .toContain('No problems found');
    // Flow edges are drawn apart from plain ones (nothing selected): heavier children, a dotted parent.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    const stroke = (id: string) =>
      page
        .locator(`.react-flow__edge[data-id="${id}"] path.react-flow__edge-path`)
        .evaluate((p) => {
          const s = getComputedStyle(p);
          return `${s.stroke} ${s.strokeDasharray}`;
        });
    expect(await stroke('e3')).toBe('rgb(142, 78, 198) none');
    expect(await stroke('e5')).toBe('rgb(142, 78, 198) 2px, 5px');
    expect(await stroke('e1')).not.toContain('rgb(142, 78, 198)');
    await shot(page, 'drawn');

    // Saved, it is the flow the format describes.
    await page.keyboard.press('Control+S');
    const path = join(suite.app.userDataDir, 'fan-out.pipewright.json');
    const saveAs = page.getByTestId('save-as-dialog');
    await saveAs.getByLabel('File on the host').fill(path);
    await saveAs.getByLabel('File on the host').press('Enter');
    await saveAs.waitFor({ state: 'detached' });
    const parsed = parseDocumentText(await readFile(path, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const doc = parsed.document;
    expect(doc.edges.filter((e) => e.on)).toEqual([
      {
        id: 'e3',
        from: 'worker-1',
        to: 'queue-2',
        on: 'children',
        children: 10,
        childFailure: 'failParentOnFailure',
      },
      { id: 'e5', from: 'worker-1', to: 'queue-3', on: 'parent' },
    ]);

    // Simulate (the defaults: 10 minutes, seed 1), as the simulator does outside the app.
    await page.locator('[data-action="simulate"]').click();
    await expect
      .poll(() => page.getByTestId('analysis-status').getAttribute('class'), { timeout: 30_000 })
      .toContain('analysis-status--done');
    const expected = simulate(doc, { seed: 1, durationMs: 600_000 }).nodes['queue-3'];
    if (expected?.kind !== 'queue' || !expected.waitingChildren) throw new Error('no figures');
    // About one request a second, each waiting a few hundred ms for the slowest of ten children.
    expect(expected.waitingChildren.mean).toBeGreaterThan(0.1);
    expect(expected.waitingChildren.mean).toBeLessThan(2);
    expect(expected.waitingChildren.max).toBeGreaterThanOrEqual(2);

    const badge = nodeOnCanvas(page, 'queue-3').getByTestId('waiting-children-badge');
    await expect.poll(() => badge.getAttribute('data-mode')).toBe('final');
    const mean = formatMeanCount(expected.waitingChildren.mean);
    expect(await badge.textContent()).toBe(`${mean} waiting for children (mean)`);
    expect(await badge.getAttribute('title')).toContain(
      `at most ${formatCompactCount(expected.waitingChildren.max)}, as in Results`,
    );
    // Only the queue a flow joins on has one.
    expect(await page.getByTestId('waiting-children-badge').count()).toBe(1);

    await page.getByTestId('tab-results').click();
    expect(await resultCell(page, 'queue', 'queue-3', 'Waiting for children (mean)')).toBe(mean);
    expect(await resultCell(page, 'queue', 'queue-3', 'Waiting for children (max)')).toBe(
      formatCompactCount(expected.waitingChildren.max),
    );
    expect(await resultCell(page, 'queue', 'queue-2', 'Waiting for children (mean)')).toBe('–');
    await shot(page, 'simulated');

    // Scrubbed back to a frame: that frame's count, marked as a frame.
    const range = page.getByTestId('scrubber-range');
    const box = (await range.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect.poll(() => badge.getAttribute('data-mode')).toBe('frame');
    expect(await badge.textContent()).toMatch(/^\d+ waiting for children$/);
    await shot(page, 'frame');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('simulates the report fan-out example: the assemble queue shows its waiting reports, as Results do', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app, {
      width: 1800,
      height: 1000,
      colorScheme: 'dark',
    });
    await newDocument(page, 'report-fanout');
    await expect
      .poll(() => page.getByTestId('edge-label-split-into-parts').textContent())
      .toBe('children × 20');
    expect(await page.getByTestId('edge-label-split-join').textContent()).toBe('parent (join)');
    await page.locator('[data-action="simulate"]').click();
    await expect
      .poll(() => page.getByTestId('analysis-status').getAttribute('class'), { timeout: 30_000 })
      .toContain('analysis-status--done');
    const badge = nodeOnCanvas(page, 'assemble').getByTestId('waiting-children-badge');
    await expect.poll(() => badge.getAttribute('data-mode')).toBe('final');
    await page.getByTestId('tab-results').click();
    const mean = await resultCell(page, 'queue', 'assemble', 'Waiting for children (mean)');
    // The CLI's `simulate` of the example says mean 1.08, max 6 (10 minutes, seed 1).
    expect(mean).toBe('1.08');
    expect(await resultCell(page, 'queue', 'assemble', 'Waiting for children (max)')).toBe('6');
    expect(await badge.textContent()).toBe('1.08 waiting for children (mean)');
    await shot(page, 'report-fanout');
    // The backlog chart draws the waiting parents beside the queue's own backlog.
    await clickNode(page, 'assemble');
    await page.getByTestId('tab-metrics').click();
    const legend = page.getByTestId('chart-backlog');
    await legend.locator('canvas').waitFor();
    await expect.poll(() => legend.textContent()).toContain('assemble (waiting for children)');
    await shot(page, 'report-fanout-metrics');
    expect(errors).toEqual([]);
    await context.close();
  });
});
