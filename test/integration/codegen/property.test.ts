import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftProject, generateProject } from '../../../shared/codegen';
import { exportProject } from '../../../main/services/export';
import { arbitraryDocument } from '../../helpers/arbitrary-document';
import {
  linkNodeModules,
  removeDir,
  tempDir,
  typeCheck,
  unformattedFiles,
} from './support/project';

/**
 * Random runnable documents — odd names, odd payloads, every arrival, distribution and option —
 * generate projects that are deterministic, Prettier-formatted and compile under `tsc --strict`.
 */
describe('generateProject on random documents', () => {
  it('is deterministic, formatted, and compiles', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryDocument(), async (doc) => {
        const files = await generateProject(doc);
        expect(await generateProject(structuredClone(doc))).toEqual(files);
        expect(await unformattedFiles(files)).toEqual([]);
        const dir = tempDir('property');
        try {
          await exportProject(dir, files);
          linkNodeModules(dir);
          expect(typeCheck(dir)).toEqual([]);
        } finally {
          removeDir(dir);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('needs Prettier only for unusual input', () => {
    // Plain names and payloads take the fast path: the emitters' output is already formatted.
    fc.assert(
      fc.property(arbitraryDocument(), (doc) => {
        // Plain names and a small payload: what most pipelines have.
        doc.nodes.forEach((node, i) => {
          node.name = `${node.kind} ${i}`;
          if (node.kind === 'producer') node.config.payload = { id: 'a-1', count: 2, tags: ['x'] };
        });
        doc.name = 'Plain pipeline';
        const drafts = draftProject(doc);
        const slow = drafts.filter((f) => f.needsPrettier && !f.path.startsWith('src/producers/'));
        expect(slow.map((f) => f.path)).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it(
    'lays out long ASCII names as Prettier does, without Prettier',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          arbitraryDocument(),
          fc.integer({ min: 20, max: 120 }),
          async (doc, length) => {
            doc.nodes.forEach((node, i) => {
              node.name = `${'a long name '.repeat(12).slice(0, length)} ${node.kind} ${i}`;
              if (node.kind === 'producer') node.config.payload = { id: 'a-1', count: 2 };
            });
            const drafts = draftProject(doc);
            expect(drafts.filter((f) => f.needsPrettier).map((f) => f.path)).toEqual([]);
            expect(await unformattedFiles(drafts)).toEqual([]);
          },
        ),
        { numRuns: 15 },
      );
    },
  );
});
