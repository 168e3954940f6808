import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { ApiError, EVENT_CHANNELS, REQUEST_CHANNELS } from '../../../../shared/api/contract';
import { createHostServices, type HostServices } from '../../../../main/services/host-services';
import { registerIpc } from '../../../../main/electron/ipc';
import { isAppUrl, type RendererLocation } from '../../../../main/electron/window';
import { createApi } from '../../../../renderer/api';
import {
  FakeBrowserWindow,
  fakeIpcMain,
  fakeIpcRenderer,
  resetFakeElectron,
  state,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const location: RendererLocation = { kind: 'app', rendererDir: '/app/out/renderer' };
const appFrame = { url: 'app://pipewright/index.html', parent: null };

let dir: string;
let services: HostServices;
let window: FakeBrowserWindow;
let dispose: () => void;

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'pipewright-ipc-'));
  services = createHostServices({
    userDataDir: dir,
    examplesDir: dir,
    host: 'electron',
    warn: () => {},
  });
  window = new FakeBrowserWindow({});
  dispose = registerIpc({
    services,
    isAppUrl: (url) => isAppUrl(url, location),
    targets: () => [window.webContents as unknown as WebContents],
  });
});
afterEach(() => {
  dispose();
  rmSync(dir, { recursive: true, force: true });
});

const invoke = (channel: string, payload: unknown = {}) => fakeIpcRenderer.invoke(channel, payload);

describe('IPC', () => {
  it('registers exactly one handler per contract request channel', () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(fakeIpcMain.handle).toHaveBeenCalledTimes(REQUEST_CHANNELS.length);
  });

  it('answers the app’s own page through the dispatcher', async () => {
    state.senderFrame = appFrame;
    expect(await invoke('app:info')).toMatchObject({ ok: true, value: { host: 'electron' } });
    expect(await invoke('documents:open', { path: 7 })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining('path: must be a file path'),
      },
    });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }, /is not Pipewright's/],
    ['another local file', { url: 'file:///tmp/evil.html', parent: null }, /is not Pipewright's/],
    ['a sub-frame of the app', { url: appFrame.url, parent: appFrame }, /top-level page/],
    ['a frame that is gone', null, /frame is gone/],
  ])('refuses %s', async (_what, frame, reason) => {
    state.senderFrame = frame;
    for (const channel of ['app:info', 'documents:open', 'settings:update']) {
      const answer = await invoke(channel, { path: '/etc/passwd' });
      expect(answer).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: expect.stringMatching(reason) },
      });
    }
  });

  it('sends host events to the window', () => {
    services.emit('menu:command', { command: 'file:new' });
    expect(window.webContents.send).toHaveBeenCalledWith('menu:command', { command: 'file:new' });
  });

  it('removes its handlers when disposed', () => {
    dispose();
    expect(state.ipcHandlers.size).toBe(0);
    dispose = () => undefined;
  });
});

describe('preload bridge + renderer transport', () => {
  it('exposes window.pipewright with every channel and events, usable by createApi', async () => {
    await import('../../../../main/electron/preload');
    const bridge = state.exposed.get('pipewright') as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...REQUEST_CHANNELS, 'on'].sort());

    state.senderFrame = appFrame;
    const api = createApi({ bridge: bridge as never });
    expect(api.transport).toBe('ipc');
    expect(api.status()).toBe('connected');
    expect(await api['app:info']()).toMatchObject({ host: 'electron', nativeDialogs: false });
    const error = await api['documents:open']({ path: '/nowhere.pipewright.json' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    // No dialog chose it: the desktop host refuses before it looks at the disk.
    expect(error).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('it was not chosen in a file dialog'),
    });

    const received: unknown[] = [];
    const off = api.on('document:opened', (payload) => received.push(payload));
    fakeIpcRenderer.emit('document:opened', {}, { path: '/a', document: { name: 'A' } });
    off();
    fakeIpcRenderer.emit('document:opened', {}, { path: '/b', document: { name: 'B' } });
    expect(received).toEqual([{ path: '/a', document: { name: 'A' } }]);
    expect(() =>
      (bridge.on as (e: string, l: () => void) => void)('ipc:anything', () => {}),
    ).toThrow(/unknown Pipewright event/);
    expect(EVENT_CHANNELS).toContain('document:opened');
  });
});
