import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetFakeElectron, state, FakeBrowserWindow, shell } from './fake-electron';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  visibleState,
  windowOptions,
  type RendererLocation,
} from '../../../../main/electron/window';
import { session } from 'electron';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => import('./fake-electron'));

const built: RendererLocation = { kind: 'app', rendererDir: '/opt/pipewright/out/renderer' };
const dev: RendererLocation = { kind: 'dev', url: 'http://localhost:5173' };

beforeEach(resetFakeElectron);

describe('the main window', () => {
  it('isolates the renderer: context isolation, sandbox, no Node, web security', () => {
    const options = windowOptions(undefined, '/opt/pipewright/out/preload/index.cjs');
    expect(options.webPreferences).toEqual({
      preload: '/opt/pipewright/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
    expect(options).toMatchObject({ width: 1280, height: 800, show: false });
  });

  it('restores a remembered size and position, but not a position off every screen', () => {
    const state = { x: 100, y: 80, width: 1000, height: 700, maximized: true };
    const screens = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(windowOptions(visibleState(state, screens), 'p')).toMatchObject({
      x: 100,
      y: 80,
      width: 1000,
    });
    const gone = visibleState({ ...state, x: 3000 }, screens);
    expect(gone).toEqual({ width: 1000, height: 700, maximized: true });
    expect(windowOptions(gone, 'p')).not.toHaveProperty('x');
  });

  it('loads the built renderer from app://, or the dev server', () => {
    const fromFile = createMainWindow({
      state: undefined,
      preloadPath: 'p',
      location: built,
    }) as unknown as FakeBrowserWindow;
    expect(fromFile.loaded).toBe('app://pipewright/index.html');
    const fromDev = createMainWindow({
      state: { width: 900, height: 600, maximized: true },
      preloadPath: 'p',
      location: dev,
    }) as unknown as FakeBrowserWindow;
    expect(fromDev.loaded).toBe('http://localhost:5173');
    expect(fromDev.maximize).toHaveBeenCalled();
  });

  it('recognises only its own renderer page', () => {
    expect(isAppUrl('app://pipewright/index.html', built)).toBe(true);
    expect(isAppUrl('app://pipewright/index.html#/x?y', built)).toBe(true);
    expect(isAppUrl('app://pipewright/', built)).toBe(true);
    expect(isAppUrl('app://pipewright/other.html', built)).toBe(false);
    expect(isAppUrl('app://evil/index.html', built)).toBe(false);
    // The built files on disk are not the app: only what app:// serves is.
    expect(isAppUrl('file:///opt/pipewright/out/renderer/index.html', built)).toBe(false);
    expect(isAppUrl('file:///tmp/evil.html', built)).toBe(false);
    expect(isAppUrl('https://evil.example/index.html', built)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('not a url', dev)).toBe(false);
  });

  it('sets a strict CSP and security headers on every response, and denies permissions', () => {
    hardenSession(session.defaultSession as unknown as Session, built);
    let headers: Record<string, string[]> = {};
    state.headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => {
      headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toMatch(/default-src 'self'; script-src 'self'; style-src/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
    expect(headers['Content-Type']).toEqual(['text/html']);

    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      state.permissionRequest!({}, permission, (ok) => answers.push(ok));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(state.permissionCheck!({}, 'clipboard-read')).toBe(false);
    expect(state.permissionCheck!({}, 'clipboard-sanitized-write')).toBe(true);
  });

  it('allows the dev server its inline React preamble and HMR socket, in dev only', () => {
    hardenSession(session.defaultSession as unknown as Session, dev);
    let csp = '';
    state.headersListener!({ responseHeaders: {} }, (r) => {
      csp = (r as { responseHeaders: Record<string, string[]> }).responseHeaders[
        'Content-Security-Policy'
      ]![0]!;
    });
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain('ws://localhost:5173');
  });

  it('denies navigation away, new windows and webviews', () => {
    const win = new FakeBrowserWindow({});
    hardenWebContents(win.webContents as unknown as WebContents, built);
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('file:///opt/pipewright/out/renderer/index.html')).toBe(true);
    expect(navigate('app://pipewright/index.html')).toBe(false);
    expect(win.webContents.windowOpenHandler!({ url: 'https://bullmq.io/' })).toEqual({
      action: 'deny',
    });
    expect(shell.openExternal).toHaveBeenCalledWith('https://bullmq.io/');
    // Only https links to the documentation hosts reach the system browser.
    for (const url of [
      'file:///etc/passwd',
      'http://docs.bullmq.io/',
      'https://evil.example/',
      'https://docs.bullmq.io.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'smb://server/share',
      'vscode://file/etc/passwd',
    ]) {
      expect(win.webContents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    win.webContents.windowOpenHandler!({ url: 'https://docs.bullmq.io/guide/workers' });
    expect(shell.openExternal).toHaveBeenLastCalledWith('https://docs.bullmq.io/guide/workers');
    const webview = { preventDefault: vi.fn() };
    win.webContents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
