import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newDocument, nodeOnCanvas, openEditor } from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

const names = (page: Page) => page.locator('.react-flow__node .pw-node__name').allTextContents();

describe('copy and paste between documents', () => {
  const suite = useEditorSuite();

  it('pastes a copied subgraph, with its inner edge, into a second document', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    await nodeOnCanvas(page, 'emails').click();
    await nodeOnCanvas(page, 'email-sender').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Control+C');
    // The clipboard holds a pipewright/v1 document other tools (and other windows) can read.
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ format: 'pipewright/v1' });

    await newDocument(page);
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('Control+V');
    await expect.poll(() => names(page)).toEqual(['emails', 'email-sender']);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    expect(await page.locator('.react-flow__node.selected').count()).toBe(2);

    // Pasting again makes unique names and shifts the copy off the original.
    await page.keyboard.press('Control+V');
    await expect
      .poll(() => names(page))
      .toEqual(['emails', 'email-sender', 'emails-2', 'email-sender-2']);
    // (An edge is drawn once React Flow has measured both its new nodes, a frame or two later.)
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // Cut removes, undo restores.
    await page.keyboard.press('Control+X');
    await expect.poll(() => names(page)).toEqual(['emails', 'email-sender']);
    await page.keyboard.press('Control+Z');
    await expect.poll(() => names(page)).toHaveLength(4);
    expect(errors).toEqual([]);
    await context.close();
  });
});
