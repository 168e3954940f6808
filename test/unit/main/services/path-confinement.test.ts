import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  confineToChoices,
  confineToFolders,
  isInside,
  realTarget,
} from '../../../../main/services/path-confinement';
import { useTempDirs } from './fixtures';

const tempDir = useTempDirs();

describe('realTarget', () => {
  it('resolves links in the existing part and keeps the parts still to be made', async () => {
    const dir = realpathSync(tempDir());
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(await realTarget(join(dir, 'link', 'new', 'file.json'))).toBe(
      join(dir, 'real', 'new', 'file.json'),
    );
    expect(await realTarget(join(dir, 'link', '..', 'x'))).toBe(join(dir, 'x'));
  });

  it('refuses a dangling link, which a write would follow anywhere', async () => {
    const dir = realpathSync(tempDir());
    symlinkSync('/nonexistent/place', join(dir, 'dangling'));
    await expect(realTarget(join(dir, 'dangling'))).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('symbolic link to nothing'),
    });
  });
});

describe('isInside', () => {
  it.each([
    ['/a/b', '/a/b/c', false, true],
    ['/a/b', '/a/b', false, false],
    ['/a/b', '/a/b', true, true],
    ['/a/b', '/a/bc', false, false],
    ['/a/b', '/a', false, false],
    ['/a/b', '/a/b/../c', false, false],
    ['/a/b', '/a/b/..x', false, true],
  ])('%s holds %s (same allowed: %s): %s', (root, target, same, expected) => {
    expect(isInside(root, target, same)).toBe(expected);
  });
});

describe('confineToFolders (web mode)', () => {
  it('allows the host and data folders and what the host handed over, nothing else', async () => {
    const root = realpathSync(tempDir());
    const host = join(root, 'host');
    const data = join(root, 'data');
    mkdirSync(host);
    mkdirSync(data);
    const given = join(root, 'given.pipewright.json');
    writeFileSync(given, '{}');
    const confinement = confineToFolders({ hostDir: host, dataDir: data });
    expect(confinement.hostDir).toBe(host);
    expect(await confinement.confine(join(host, 'a.pipewright.json'), 'save')).toBe(
      join(host, 'a.pipewright.json'),
    );
    expect(await confinement.confine(join(data, 'b.pipewright.json'), 'open')).toBe(
      join(data, 'b.pipewright.json'),
    );
    expect(await confinement.confine(host, 'export')).toBe(host);
    await expect(confinement.confine(host, 'open')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(confinement.confine(given, 'open')).rejects.toMatchObject({ code: 'forbidden' });
    await confinement.grantFile(given);
    expect(await confinement.confine(given, 'save')).toBe(given);
    await expect(confinement.confine('relative.json', 'open')).rejects.toMatchObject({
      code: 'invalid-request',
    });
  });
});

describe('confineToFolders: the data folder', () => {
  it('takes only pipeline documents, not settings, other files, exports or reports', async () => {
    const root = realpathSync(tempDir());
    const host = join(root, 'host');
    const data = join(root, 'data');
    mkdirSync(host);
    mkdirSync(data);
    writeFileSync(join(data, 'settings.json'), '{}');
    const confinement = confineToFolders({ hostDir: host, dataDir: data });
    const doc = join(data, 'sub', 'c.pipewright.json');
    expect(await confinement.confine(doc, 'save')).toBe(doc);
    for (const [path, use] of [
      [join(data, 'settings.json'), 'open'],
      [join(data, 'settings.json'), 'save'],
      [join(data, 'notes.txt'), 'save'],
      [join(data, 'report.md'), 'report'],
      [join(data, 'c.pipewright.json'), 'report'],
      [data, 'export'],
      [join(data, 'out'), 'export'],
    ] as const) {
      await expect(confinement.confine(path, use), `${use} ${path}`).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('takes only *.pipewright.json pipelines'),
      });
    }
    // The host folder stays open to every use.
    expect(await confinement.confine(join(host, 'report.md'), 'report')).toBe(
      join(host, 'report.md'),
    );
  });
});

describe('confineToChoices (desktop app)', () => {
  it('allows granted files for documents and reports, granted folders for export only', async () => {
    const root = realpathSync(tempDir());
    const recent = join(root, 'recent.pipewright.json');
    const confinement = confineToChoices({ recentFiles: async () => [recent] });
    expect(confinement.hostDir).toBeNull();
    expect(await confinement.confine(recent, 'open')).toBe(recent);
    await expect(confinement.confine(recent, 'report')).rejects.toMatchObject({
      code: 'forbidden',
    });
    const folder = join(root, 'code');
    await confinement.grantFolder(folder);
    expect(await confinement.confine(join(folder, 'sub'), 'export')).toBe(join(folder, 'sub'));
    await expect(confinement.confine(join(folder, 'x.json'), 'open')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(confinement.confine(root, 'export')).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('Choose…'),
    });
  });
});
