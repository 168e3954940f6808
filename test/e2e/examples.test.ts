import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocumentText, type PipelineDocument } from '../../shared/document';
import {
  EXAMPLES_DIR,
  SCREENSHOT_DIR,
  newDocument,
  isInside,
  nodeOnCanvas,
  openEditor,
} from '../helpers/web-app';
import { useEditorSuite } from '../helpers/editor-suite';

async function examples(): Promise<Array<{ id: string; doc: PipelineDocument }>> {
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith('.pipewright.json')).sort();
  return Promise.all(
    files.map(async (f) => {
      const parsed = parseDocumentText(await readFile(join(EXAMPLES_DIR, f), 'utf8'));
      if (!parsed.ok) throw new Error(`${f} does not parse`);
      return { id: f.replace('.pipewright.json', ''), doc: parsed.document };
    }),
  );
}

describe('examples in web mode', () => {
  const suite = useEditorSuite();

  it('opens every example from the New gallery and shows all its nodes and edges', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const all = await examples();
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const { id, doc } of all) {
      await newDocument(page, id);
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(doc.nodes.length);
      for (const node of doc.nodes) {
        const onCanvas = nodeOnCanvas(page, node.id);
        await expect.poll(() => onCanvas.locator('.pw-node__name').textContent()).toBe(node.name);
        // Fitted into view once the fit animation settles.
        await expect
          .poll(() => isInside(onCanvas, page.getByTestId('canvas')), { message: node.id })
          .toBe(true);
      }
      await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(doc.edges.length);
      expect(await page.getByTestId('doc-title').textContent()).toContain(doc.name);
      // Every example validates clean, and the problems panel says so.
      await expect
        .poll(() => page.getByTestId('problems').textContent())
        .toContain('No problems found');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `example-${id}.png`) });
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
