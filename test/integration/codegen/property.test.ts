import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../shared/codegen';
import { arbitraryDocument } from '../../helpers/arbitrary-document';
import { typeCheckProject, unformattedFiles } from './support/project';

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
        expect(await typeCheckProject(files, 'property')).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });
});
