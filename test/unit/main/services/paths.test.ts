import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHostDir } from '../../../../main/services/paths';

// Web mode's page may only work in this folder (and the data folder), so its default must be a
// predictable place the user can find: Pipewright in their documents folder.
describe('defaultHostDir (web mode --host-dir default)', () => {
  const home = join('/', 'home', 'ada');

  it('is Pipewright under ~/Documents when no documents folder is configured', () => {
    expect(defaultHostDir({}, home)).toBe(join(home, 'Documents', 'Pipewright'));
  });

  it('follows an absolute XDG_DOCUMENTS_DIR', () => {
    const documents = join('/', 'data', 'ada', 'Dokumente');
    expect(defaultHostDir({ XDG_DOCUMENTS_DIR: documents }, home)).toBe(
      join(documents, 'Pipewright'),
    );
  });

  it('ignores a relative or empty XDG_DOCUMENTS_DIR, which would depend on the working folder', () => {
    expect(defaultHostDir({ XDG_DOCUMENTS_DIR: 'Docs' }, home)).toBe(
      join(home, 'Documents', 'Pipewright'),
    );
    expect(defaultHostDir({ XDG_DOCUMENTS_DIR: '' }, home)).toBe(
      join(home, 'Documents', 'Pipewright'),
    );
  });
});
