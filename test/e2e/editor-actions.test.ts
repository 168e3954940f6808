import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  SCREENSHOT_DIR,
  dragFromPalette,
  newDocument,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

const names = (page: Page) => page.locator('.react-flow__node .pw-node__name').allTextContents();

describe('editor actions through keyboard, toolbar and panels', () => {
  const suite = useEditorSuite();

  it('quick-adds nodes and patterns by name from the keyboard', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await page.keyboard.press('Control+K');
    const box = page.getByTestId('quick-add');
    await box.getByRole('combobox').fill('worker');
    await page.keyboard.press('Enter');
    await nodeOnCanvas(page, 'worker-1').waitFor();
    await page.keyboard.press('Control+K');
    await box.getByRole('combobox').fill('dead letter');
    expect(await box.getByRole('option').first().textContent()).toContain(
      'Worker with retries and a dead-letter queue',
    );
    await page.keyboard.press('Enter');
    await expect
      .poll(() => names(page))
      .toEqual(['worker-1', 'tasks', 'task-worker', 'dead-letters']);
    await expect.poll(() => page.locator('.edge-label').allTextContents()).toEqual(['on failed']);
    // Commands are there too, with their shortcuts.
    await page.keyboard.press('Control+K');
    await box.getByRole('combobox').fill('layout');
    expect(await box.getByRole('option').first().textContent()).toMatch(
      /Auto-layout.*Ctrl\+Shift\+L/,
    );
    await page.keyboard.press('Escape');
    expect(await box.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('quick-adds a named node after the selected one, wired to it and overlapping nothing', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'email-sender').click();
    await page.keyboard.press('Control+K');
    const box = page.getByTestId('quick-add');
    await box.getByRole('combobox').fill('queue receipts');
    expect(await box.getByRole('option').first().textContent()).toMatch(
      /Queue “receipts”.*after “email-sender”/,
    );
    await page.keyboard.press('Enter');
    await nodeOnCanvas(page, 'receipts').waitFor();
    expect(await nodeOnCanvas(page, 'receipts').locator('.pw-node__name').textContent()).toBe(
      'receipts',
    );
    // Then a worker after the new queue (it is selected now): a chain, from the keyboard.
    await page.keyboard.press('Control+K');
    await box.getByRole('combobox').fill('worker');
    await page.keyboard.press('Enter');
    await nodeOnCanvas(page, 'worker-1').waitFor();
    await page.keyboard.press('Shift+Digit1');
    const boxes = await page
      .locator('.react-flow__node')
      .evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-id'), ...e.getBoundingClientRect().toJSON() })),
      );
    const at = (id: string) => boxes.find((b) => b.id === id)!;
    expect(at('receipts').x).toBeGreaterThan(at('email-sender').right);
    expect(at('worker-1').x).toBeGreaterThan(at('receipts').right);
    for (const a of boxes)
      for (const b of boxes)
        if (a.id !== b.id)
          expect(
            a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom,
            `${a.id} overlaps ${b.id}`,
          ).toBe(false);
    const edges = await page
      .locator('.react-flow__edge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(edges).toEqual(
      expect.arrayContaining([
        'Edge from email-sender to receipts',
        'Edge from receipts to worker-1',
      ]),
    );
    expect(edges).toHaveLength(6);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'quick-add-chain.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('renames with F2, duplicates, deletes, selects all and lays out', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'emails').click();
    await page.keyboard.press('F2');
    const input = page.getByLabel('Node name');
    await input.fill('welcome-mail');
    await input.press('Enter');
    await expect
      .poll(() => nodeOnCanvas(page, 'emails').locator('.pw-node__name').textContent())
      .toBe('welcome-mail');

    await page.keyboard.press('Control+D');
    await nodeOnCanvas(page, 'emails-2').waitFor();
    expect(await nodeOnCanvas(page, 'emails-2').locator('.pw-node__name').textContent()).toBe(
      'welcome-mail-2',
    );
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5);

    await page.keyboard.press('Control+A');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(5);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(0);

    // Auto-layout from the toolbar: jobs flow left to right.
    const positions = () =>
      page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).style.transform));
    const drawn = await positions();
    await page.locator('[data-action="auto-layout"]').click();
    const x = async (id: string) => (await nodeOnCanvas(page, id).boundingBox())?.x ?? 0;
    await expect.poll(async () => (await x('signup')) < (await x('emails'))).toBe(true);
    expect(await x('emails')).toBeLessThan(await x('email-sender'));
    expect(await x('email-sender')).toBeLessThan(await x('dead-letters'));
    // One undo puts every node back.
    expect(await positions()).not.toEqual(drawn);
    await page.keyboard.press('Control+Z');
    await expect.poll(positions).toEqual(drawn);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits several workers at once, and a failed edge', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'upload-processing');
    // Its three workers, once the view has fitted the whole pipeline.
    await expect.poll(() => page.locator('.react-flow__node-worker').count()).toBe(3);
    const workers = await page.locator('.react-flow__node-worker').all();
    await workers[0]!.click();
    for (const w of workers.slice(1)) await w.click({ modifiers: ['Shift'] });
    const inspector = page.getByTestId('inspector');
    await expect
      .poll(() => inspector.locator('h2').textContent())
      .toContain(`${workers.length} workers`);
    await inspector.getByLabel('Replicas', { exact: true }).fill('4');
    for (const w of workers) {
      await expect
        .poll(() => w.locator('.pw-node__line').first().textContent())
        .toMatch(/ × 4 replicas$/);
    }
    // The service-time preview follows the distribution.
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await workers[0]!.click();
    const preview = inspector.getByTestId('distribution-preview');
    const before = await preview.locator('svg').getAttribute('aria-label');
    await inspector.getByLabel('Distribution').selectOption('exponential');
    await expect.poll(() => preview.locator('svg').getAttribute('aria-label')).not.toBe(before);

    // An edge: its label shows what it carries; its probability is edited in the inspector.
    await newDocument(page, 'welcome-emails');
    const label = page.locator('.edge-label', { hasText: 'on failed' });
    await label.click();
    expect(await inspector.getByLabel('Carries').inputValue()).toBe('failed');
    expect(await inspector.getByLabel('Probability').count()).toBe(0);
    await inspector.getByLabel('Carries').selectOption('completed');
    await expect.poll(() => page.locator('.edge-label').count()).toBe(0);
    await inspector.getByLabel('Probability').fill('0.5');
    await expect.poll(() => page.locator('.edge-label').allTextContents()).toEqual(['p = 0.5']);
    await page.locator('.react-flow__pane').click({ position: { x: 10, y: 10 } });
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('.edge-label').allTextContents()).toEqual(['on failed']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists problems live, badges the node and focuses it on click', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await dragFromPalette(page, 'worker', 300, 150);
    const problem = page.getByTestId('problem').first();
    await expect.poll(() => problem.textContent()).toContain('has no input queue');
    expect(
      await nodeOnCanvas(page, 'worker-1').getByTestId('diag-badge').getAttribute('class'),
    ).toContain('diag-badge--error');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    expect(await page.locator('.react-flow__node.selected').count()).toBe(0);
    await problem.click();
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(1);
    expect(await page.getByTestId('statusbar').textContent()).toContain('1 error');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the shortcut in toolbar tooltips, resizes panels and follows the theme', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app, {
      colorScheme: 'dark',
    });
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const tips = await page
      .locator('.toolbar [data-tooltip]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-tooltip')));
    expect(tips).toContain('Undo (Ctrl+Z)');
    expect(tips).toContain('Save (Ctrl+S)');
    expect(tips).toContain('Delete (Del)');
    expect(tips.every((t) => t && t.length > 0)).toBe(true);
    await page.locator('[data-action="undo"]').hover({ force: true });

    const inspector = page.getByTestId('inspector');
    const width = (await inspector.boundingBox())?.width ?? 0;
    const handle = page.getByRole('separator', { name: 'Resize the right panel' });
    const h = (await handle.boundingBox())!;
    await page.mouse.move(h.x + 1, h.y + 200);
    await page.mouse.down();
    await page.mouse.move(h.x - 80, h.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await inspector.boundingBox())?.width ?? 0)
      .toBeGreaterThan(width + 60);

    await page.locator('[data-action="toggle-theme"]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(errors).toEqual([]);
    await context.close();
  });
});
