import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  SCREENSHOT_DIR,
  clickNode,
  newDocument,
  nodeOnCanvas,
  nodeScreenCentre,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

const canvasClass = (page: Page) => page.getByTestId('canvas').getAttribute('class');
const inspectorTitle = (page: Page) => page.locator('.inspector__title').textContent();
/** The colour the overview draws at a node's centre, as "r,g,b". */
async function overviewColourAt(page: Page, id: string): Promise<string> {
  const at = await nodeScreenCentre(page, id);
  return page.evaluate(`(() => {
    const canvas = document.querySelector('[data-testid=overview]');
    const rect = canvas.getBoundingClientRect();
    const r = canvas.width / rect.width;
    const [red, green, blue] = canvas.getContext('2d').getImageData(
      Math.round((${at.x} - rect.left) * r), Math.round((${at.y} - rect.top) * r), 1, 1).data;
    return [red, green, blue].join(',');
  })()`);
}

const field = (page: Page, label: string) =>
  page.getByTestId('inspector').getByLabel(label, { exact: true });

/** Zooms out with the zoom controls until the canvas shows the overview. */
async function zoomOutToOverview(page: Page): Promise<void> {
  const zoomOut = page.getByRole('button', { name: 'Zoom Out' });
  for (let i = 0; i < 12 && !(await canvasClass(page))?.includes('is-overview'); i++) {
    await zoomOut.click();
    await page.waitForTimeout(120);
  }
  expect(await canvasClass(page)).toContain('is-overview');
}

describe('the overview, zoomed too far out to read a node', () => {
  const suite = useEditorSuite();

  it('draws the pipeline on one canvas, and nodes there are selected, moved and opened', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'email-sender').waitFor();
    await zoomOutToOverview(page);

    // Every node and edge is drawn on the overview, and the page no longer lays them out.
    const overview = page.getByTestId('overview');
    expect(await overview.getAttribute('data-nodes')).toBe('5');
    expect(await overview.getAttribute('data-edges')).toBe('4');
    expect(await overview.getAttribute('aria-label')).toMatch(/5 nodes, 4 edges/);
    expect(await nodeOnCanvas(page, 'email-sender').isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editor-overview.png') });
    // Drawn in the theme's colours, and again when the theme changes (here: the OS's).
    expect(await overviewColourAt(page, 'signup')).toBe('18,160,106'); // --producer, light
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => overviewColourAt(page, 'signup')).toBe('61,214,140'); // dark
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'editor-overview-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => overviewColourAt(page, 'signup')).toBe('18,160,106');

    // Hovering a node names it (its box may be too small to hold the name).
    const hover = await nodeScreenCentre(page, 'dlq-alerts');
    await page.mouse.move(hover.x, hover.y);
    await expect.poll(() => page.locator('.react-flow').getAttribute('title')).toBe('dlq-alerts');

    // A click selects the node drawn under the pointer.
    await clickNode(page, 'email-sender');
    await expect.poll(() => inspectorTitle(page)).toContain('email-sender');
    expect(await page.getByTestId('statusbar').textContent()).toContain('1 selected');

    // A drag moves it on the grid, as one undo step.
    const x = Number(await field(page, 'X').inputValue());
    const y = Number(await field(page, 'Y').inputValue());
    const from = await nodeScreenCentre(page, 'email-sender');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 24, { steps: 6 });
    await page.mouse.up();
    const movedX = Number(await field(page, 'X').inputValue());
    const movedY = Number(await field(page, 'Y').inputValue());
    expect(movedX).toBeGreaterThan(x);
    expect(movedY).toBeGreaterThan(y);
    expect(movedX % 16).toBe(0);
    expect(movedY % 16).toBe(0);
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => Number(await field(page, 'X').inputValue())).toBe(x);
    expect(Number(await field(page, 'Y').inputValue())).toBe(y);

    // Space + drag pans, over a node too: the view moves, the node does not.
    const before = await nodeScreenCentre(page, 'email-sender');
    await page.keyboard.down('Space');
    await page.mouse.move(before.x, before.y);
    await page.mouse.down();
    await page.mouse.move(before.x + 50, before.y + 30, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up('Space');
    expect(Number(await field(page, 'X').inputValue())).toBe(x);
    const after = await nodeScreenCentre(page, 'email-sender');
    expect(Math.round(after.x - before.x)).toBe(50);

    // Shift adds to the selection; a press on empty canvas clears it (React Flow's own pane).
    const queue = await nodeScreenCentre(page, 'emails');
    await page.keyboard.down('Shift');
    await page.mouse.click(queue.x, queue.y);
    await page.keyboard.up('Shift');
    await expect.poll(() => page.getByTestId('statusbar').textContent()).toContain('2 selected');
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + 12, box.y + 12);
    await expect.poll(() => page.getByTestId('statusbar').textContent()).not.toContain('selected');

    // A double-click zooms to the node: the full nodes are back.
    const sender = await nodeScreenCentre(page, 'email-sender');
    await page.mouse.dblclick(sender.x, sender.y);
    await expect.poll(() => canvasClass(page)).not.toContain('is-overview');
    await expect.poll(() => nodeOnCanvas(page, 'email-sender').isVisible()).toBe(true);
    expect(await page.getByTestId('overview').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
