import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostServices } from '../../../../main/services/host-services';
import { RECOVERY_FOLDER } from '../../../../main/services/recovery';
import { minimalDocument, useTempDirs } from './fixtures';

const tempDir = useTempDirs();

describe('recovery files', () => {
  it('writes, lists newest first, and clears recovery copies', async () => {
    const dir = tempDir();
    const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
    expect(await services.dispatch('recovery:list', {})).toEqual({ ok: true, value: [] });
    await services.dispatch('recovery:write', { key: 'older', document: minimalDocument('A') });
    await new Promise((r) => setTimeout(r, 5));
    const written = await services.dispatch('recovery:write', {
      key: 'newer',
      document: minimalDocument('B'),
    });
    expect(written).toEqual({ ok: true, value: { ok: true } });
    const listed = await services.dispatch('recovery:list', {});
    expect(listed).toMatchObject({
      ok: true,
      value: [
        { key: 'newer', document: { name: 'B' } },
        { key: 'older', document: { name: 'A' } },
      ],
    });
    await services.dispatch('recovery:clear', { key: 'older' });
    await services.dispatch('recovery:clear', { key: 'never-written' });
    expect(readdirSync(join(dir, RECOVERY_FOLDER))).toEqual(['newer.json']);
  });

  it('refuses path-like keys and invalid documents', async () => {
    const dir = tempDir();
    const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
    const traversal = await services.dispatch('recovery:write', {
      key: '../settings',
      document: minimalDocument(),
    });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const invalid = await services.dispatch('recovery:write', {
      key: 'doc',
      document: { format: 'pipewright/v1' },
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid-document' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('skips a damaged recovery file with a warning', async () => {
    const dir = tempDir();
    const warnings: string[] = [];
    const services = createHostServices({
      userDataDir: dir,
      examplesDir: dir,
      warn: (m) => warnings.push(m),
    });
    await services.dispatch('recovery:write', { key: 'good', document: minimalDocument() });
    writeFileSync(join(dir, RECOVERY_FOLDER, 'bad.json'), '{"savedAt": 1');
    const listed = await services.dispatch('recovery:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ key: 'good' }] });
    expect(warnings.join('\n')).toMatch(/damaged recovery file .*bad\.json/);
  });
});
