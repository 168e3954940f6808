import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draftProject } from '../../../../shared/codegen';
import { arbitraryDocument } from '../../../helpers/arbitrary-document';
import { unformattedFiles } from '../../../helpers/prettier-files';

/**
 * The emitters lay out ordinary projects as Prettier would, so generation needs Prettier only for
 * unusual input. (That random documents compile is checked in test/integration/codegen/.)
 */
describe('generated layout on random documents', () => {
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
