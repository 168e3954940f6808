import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { projectName } from '../../../../renderer/code/zip';
import { zipProject } from '../../../../shared/codegen/zip';
import { fileAt, welcomeProject } from './fixtures';

describe('the .zip download', () => {
  it('holds every file under the project folder, byte for byte', async () => {
    const files = await welcomeProject();
    const entries = unzipSync(zipProject(files, 'welcome-emails'));
    expect(Object.keys(entries).sort()).toEqual(
      files.map((f) => `welcome-emails/${f.path}`).sort(),
    );
    for (const f of files) expect(strFromU8(entries[`welcome-emails/${f.path}`]!)).toBe(f.contents);
  });

  it('gives the same bytes for the same project', async () => {
    const files = await welcomeProject();
    expect(zipProject(files, 'p')).toEqual(zipProject(files, 'p'));
  });

  it('is named after the generated package', async () => {
    expect(projectName(await welcomeProject())).toBe('welcome-emails');
    expect(projectName([fileAt('README.md')])).toBe('pipeline');
    const odd = { ...fileAt('package.json'), contents: '{"name": "../x"}' };
    expect(projectName([odd])).toBe('pipeline');
  });
});
