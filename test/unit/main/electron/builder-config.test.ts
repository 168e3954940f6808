import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../../..');
// electron-builder's own loader and schema check (it ships with the electron-builder dev dependency).
const require = createRequire(join(root, 'node_modules/electron-builder/package.json'));
const { getConfig, validateConfiguration } =
  require('app-builder-lib/out/util/config/config.js') as {
    getConfig(dir: string, path: string | null, options: null): Promise<Record<string, never>>;
    validateConfiguration(config: unknown, logger: unknown): Promise<void>;
  };
const { DebugLogger } = require('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

interface BuilderConfig {
  productName: string;
  files: unknown;
  extraResources: Array<{ from: string; to: string }>;
  fileAssociations: Array<{ ext: string; name: string }>;
  linux: { target: string[]; icon: string };
  mac: { target: string; icon: string };
  win: { target: string; icon: string };
  asar: boolean;
  electronFuses: Record<string, boolean>;
}

function pngSize(path: string): [number, number] {
  const png = readFileSync(join(root, path));
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema and packages Linux, macOS and Windows', async () => {
    const config = (await getConfig(root, null, null)) as unknown as BuilderConfig;
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.productName).toBe('Pipewright');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.fileAssociations).toEqual([
      expect.objectContaining({ ext: 'pipewright.json', name: 'Pipewright pipeline' }),
    ]);
    expect(JSON.stringify(config.files)).toContain('"out/**/*"');
    expect(config.extraResources).toContainEqual(
      expect.objectContaining({ from: 'resources/examples', to: 'examples' }),
    );
  });

  it('flips the Electron fuses: no RunAsNode, integrity-checked asar only, encrypted cookies', async () => {
    const config = (await getConfig(root, null, null)) as unknown as BuilderConfig;
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('needs no ELECTRON_RUN_AS_NODE anywhere in the app, which that fuse would break', () => {
    const files = readdirSync(join(root, 'main'), { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(50);
    const using = files.filter((f) =>
      readFileSync(join(root, 'main', f), 'utf8').includes('ELECTRON_RUN_AS_NODE'),
    );
    expect(using).toEqual([]);
  });

  it('points at real icons of the sizes each platform needs', async () => {
    const config = (await getConfig(root, null, null)) as unknown as BuilderConfig;
    expect(pngSize(`${config.linux.icon}/512x512.png`)).toEqual([512, 512]);
    expect(pngSize(`${config.linux.icon}/256x256.png`)).toEqual([256, 256]);
    expect(pngSize(config.mac.icon)).toEqual([512, 512]);
    expect(pngSize(config.win.icon)).toEqual([512, 512]);
    expect(readFileSync(join(root, 'resources/icons/icon.svg'), 'utf8')).toMatch(
      /^<svg [^>]*viewBox="0 0 512 512"/,
    );
  });
});
