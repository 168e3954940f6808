import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { REQUEST_CHANNELS } from '../../../../shared/api/contract';
import { serializeDocument } from '../../../../shared/document';
import { documentArgs, startApp } from '../../../../main/electron/app';
import { nodeGuardSpawner, setGuardSpawner, spawnGuard } from '../../../../main/redis/guard';
import { minimalDocument } from '../services/fixtures';
import { app, dialog, fakeIpcRenderer, resetFakeElectron, state } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const BUILT = '/opt/pipewright/out';
const appFrame = { url: 'app://pipewright/index.html', parent: null };

let dir: string;
const saved = {
  argv: process.argv,
  xdg: process.env.XDG_CONFIG_HOME,
  dev: process.env.ELECTRON_RENDERER_URL,
};

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'pipewright-app-'));
  process.env.XDG_CONFIG_HOME = join(dir, 'config');
  delete process.env.ELECTRON_RENDERER_URL;
  state.senderFrame = appFrame;
});
afterEach(() => {
  process.argv = saved.argv;
  if (saved.xdg === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = saved.xdg;
  if (saved.dev !== undefined) process.env.ELECTRON_RENDERER_URL = saved.dev;
  rmSync(dir, { recursive: true, force: true });
});

function pipelineFile(name: string): string {
  const path = join(dir, `${name.toLowerCase()}.pipewright.json`);
  writeFileSync(path, serializeDocument(minimalDocument(name)));
  return path;
}

const invoke = (channel: string, payload: unknown = {}) => fakeIpcRenderer.invoke(channel, payload);
const mainWindow = () => {
  const win = state.windows[0];
  if (!win) throw new Error('no window was created');
  return win;
};

describe('the desktop app', () => {
  it('quits when another instance holds the lock', async () => {
    state.lock = false;
    await startApp(BUILT);
    expect(app.quit).toHaveBeenCalled();
    expect(state.windows).toHaveLength(0);
    expect(state.ipcHandlers.size).toBe(0);
  });

  it('opens one secured window with every channel handled and the menu installed', async () => {
    process.argv = ['electron', '.'];
    await startApp(BUILT);
    expect(state.paths.get('userData')).toBe(join(dir, 'config', 'Pipewright'));
    expect(state.windows).toHaveLength(1);
    expect(mainWindow().options).toMatchObject({
      webPreferences: {
        preload: '/opt/pipewright/out/preload/index.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
      },
    });
    expect(mainWindow().loaded).toBe('app://pipewright/index.html');
    // The built renderer comes from the privileged app:// protocol, whose answers carry the CSP.
    expect(state.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect([...state.protocolHandlers.keys()]).toEqual(['app']);
    // A managed Redis's guard becomes a utility process: this binary cannot run as Node.
    spawnGuard('/usr/bin/redis-server', dir, []);
    expect(state.utilityProcesses.at(-1)?.modulePath).toBe(join(dir, 'pipewright-guard.cjs'));
    setGuardSpawner(nodeGuardSpawner);
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect((state.menuTemplate as MenuItemConstructorOptions[]).map((m) => m.label)).toContain(
      'Run',
    );
    expect(await invoke('app:info')).toMatchObject({
      ok: true,
      value: { host: 'electron', nativeDialogs: true },
    });
  });

  it('opens a file from the command line and from a second instance', async () => {
    const first = pipelineFile('First');
    process.argv = ['electron', '--inspect', first];
    await startApp(BUILT);
    expect(await invoke('documents:pending')).toMatchObject({
      ok: true,
      value: [{ path: first, document: { name: 'First' } }],
    });
    pipelineFile('Second');
    app.emit('second-instance', {}, ['electron', 'second.pipewright.json'], dir);
    await vi.waitFor(() =>
      expect(mainWindow().webContents.send).toHaveBeenCalledWith(
        'document:opened',
        expect.objectContaining({ path: join(dir, 'second.pipewright.json') }),
      ),
    );
    expect(mainWindow().focus).toHaveBeenCalled();
    // Both are now recent files, shown in File > Open Recent.
    const file = (state.menuTemplate as MenuItemConstructorOptions[]).find(
      (m) => m.label === 'File',
    );
    const recent = (file!.submenu as MenuItemConstructorOptions[]).find(
      (m) => m.label === 'Open Recent',
    );
    expect((recent!.submenu as MenuItemConstructorOptions[]).map((m) => m.label)).toContain(
      `Second — ${join(dir, 'second.pipewright.json')}`,
    );
  });

  it('explains a file it cannot open instead of failing to start', async () => {
    process.argv = ['electron', join(dir, 'missing.pipewright.json')];
    await startApp(BUILT);
    expect(dialog.showErrorBox).toHaveBeenCalledWith(
      'Could not open the pipeline',
      expect.stringContaining('missing.pipewright.json: could not open'),
    );
    expect(state.windows).toHaveLength(1);
  });

  it('asks before closing with unsaved changes: cancel keeps it, save saves then closes', async () => {
    process.argv = ['electron'];
    await startApp(BUILT);
    await invoke('window:setDirty', { dirty: true, title: 'Emails' });
    expect(mainWindow().title).toBe('Emails • — Pipewright');

    state.messageBoxResponse = 2; // Cancel
    mainWindow().close();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(mainWindow().destroyed).toBe(false);

    state.messageBoxResponse = 0; // Save
    mainWindow().close();
    await vi.waitFor(() =>
      expect(mainWindow().webContents.send).toHaveBeenCalledWith('menu:command', {
        command: 'file:save',
      }),
    );
    expect(mainWindow().destroyed).toBe(false);
    await invoke('window:setDirty', { dirty: false, title: 'Emails' });
    expect(mainWindow().destroyed).toBe(true);
  });

  it('closes without asking when discarding or when clean, and remembers the window bounds', async () => {
    process.argv = ['electron'];
    await startApp(BUILT);
    await invoke('window:setDirty', { dirty: true, title: 'Emails' });
    state.messageBoxResponse = 1; // Don't Save
    mainWindow().close();
    await vi.waitFor(() => expect(mainWindow().destroyed).toBe(true));
    await vi.waitFor(() => {
      const settings = JSON.parse(
        readFileSync(join(dir, 'config', 'Pipewright', 'settings.json'), 'utf8'),
      );
      expect(settings.window).toEqual({ x: 40, y: 30, width: 1111, height: 777, maximized: false });
    });

    app.emit('activate');
    await vi.waitFor(() => expect(state.windows).toHaveLength(2));
    expect(state.windows[1]!.options).toMatchObject({ x: 40, y: 30, width: 1111, height: 777 });
    state.windows[1]!.close();
    expect(state.windows[1]!.destroyed).toBe(true);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });
});

describe('documentArgs', () => {
  it('takes .json files from a command line, resolved against its folder', () => {
    expect(documentArgs(['--flag', 'a.pipewright.json', 'B.JSON', 'README.md', '.'], '/w')).toEqual(
      ['/w/a.pipewright.json', '/w/B.JSON'],
    );
  });
});
