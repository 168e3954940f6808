import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_FILES,
  SETTINGS_FILE,
  createSettingsStore,
} from '../../../../main/services/settings';
import { createHostServices } from '../../../../main/services/host-services';
import { useTempDirs } from './fixtures';

const tempDir = useTempDirs();

describe('settings', () => {
  it('starts from defaults and persists changes as JSON in the user data folder', async () => {
    const dir = join(tempDir(), 'not-yet-created');
    const store = createSettingsStore({ userDataDir: dir });
    expect(await store.get()).toEqual({ theme: 'system', recentFiles: [] });
    await store.update({ theme: 'dark', redisUrl: 'redis://127.0.0.1:6390' });
    await store.setWindow({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    const reloaded = await createSettingsStore({ userDataDir: dir }).get();
    expect(reloaded).toEqual({
      theme: 'dark',
      recentFiles: [],
      redisUrl: 'redis://127.0.0.1:6390',
      window: { x: 10, y: 20, width: 1200, height: 800, maximized: false },
    });
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8'))).toEqual(reloaded);
  });

  it.each([
    ['invalid JSON', '{"theme": "dark",'],
    ['a wrong shape', '{"theme": 42}'],
    ['binary garbage', '\u0000\u0001\u0002'],
  ])('sets aside a settings file with %s, warns, and uses defaults', async (_what, text) => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), text);
    const warnings: string[] = [];
    const store = createSettingsStore({
      userDataDir: dir,
      warn: (m) => warnings.push(m),
      now: () => new Date('2026-11-28T12:00:00Z'),
    });
    expect(await store.get()).toEqual({ theme: 'system', recentFiles: [] });
    const aside = 'settings.corrupt-2026-11-28T12-00-00-000Z.json';
    expect(readdirSync(dir)).toEqual([aside]);
    expect(readFileSync(join(dir, aside), 'utf8')).toBe(text);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`set aside as ${join(dir, aside)}`);
  });

  it('shows the warning about a damaged settings file in app:info', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SETTINGS_FILE), 'nonsense');
    const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
    const info = await services.dispatch('app:info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { host: 'web', nativeDialogs: false, warnings: [expect.stringMatching(/damaged/)] },
    });
  });

  it('keeps recent files most recent first, without duplicates, at most 10', async () => {
    const store = createSettingsStore({ userDataDir: tempDir() });
    for (let i = 0; i < 12; i += 1) await store.addRecent(`/p/${i}.pipewright.json`, `P${i}`);
    const recent = await store.addRecent('/p/5.pipewright.json', 'P5 renamed');
    expect(recent).toHaveLength(MAX_RECENT_FILES);
    expect(recent.map((r) => r.path)).toEqual([
      '/p/5.pipewright.json',
      ...[11, 10, 9, 8, 7, 6, 4, 3, 2].map((i) => `/p/${i}.pipewright.json`),
    ]);
    expect(recent[0]?.name).toBe('P5 renamed');
    expect(await store.clearRecent()).toEqual([]);
  });

  it('applies concurrent updates in order and ends with the last state on disk', async () => {
    const dir = tempDir();
    const store = createSettingsStore({ userDataDir: dir });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.addRecent(`/p/${i}.pipewright.json`, `P${i}`)),
    );
    await store.flush();
    const onDisk = JSON.parse(readFileSync(join(dir, SETTINGS_FILE), 'utf8')) as {
      recentFiles: Array<{ path: string }>;
    };
    expect(onDisk.recentFiles[0]?.path).toBe('/p/19.pipewright.json');
    expect(readdirSync(dir)).toEqual([SETTINGS_FILE]);
  });

  it('rejects a bad settings patch with a clear message', async () => {
    const dir = tempDir();
    const services = createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
    const result = await services.dispatch('settings:update', { redisUrl: 'http://x' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message:
          'invalid request for "settings:update": redisUrl: must be a redis:// or rediss:// URL',
      },
    });
  });
});
