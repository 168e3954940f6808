import { join } from 'node:path';
import {
  BrowserWindow,
  shell,
  type BrowserWindowConstructorOptions,
  type Rectangle,
  type Session,
  type WebContents,
} from 'electron';
import {
  contentSecurityPolicy,
  isAllowedExternalUrl,
  SECURITY_HEADERS,
} from '../services/security-policy';
import { APP_INDEX_URL, isAppOrigin } from './app-origin';
import type { WindowState } from '../services/settings';

export const WINDOW_DEFAULTS = { width: 1280, height: 800, minWidth: 800, minHeight: 500 };

/**
 * Where the renderer comes from: the built files, served on `app://` (see app-protocol.ts), or
 * electron-vite's dev server.
 */
export type RendererLocation = { kind: 'app'; rendererDir: string } | { kind: 'dev'; url: string };

export function rendererLocation(isPackaged: boolean, builtDir: string): RendererLocation {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (!isPackaged && devUrl) return { kind: 'dev', url: devUrl };
  return { kind: 'app', rendererDir: join(builtDir, 'renderer') };
}

/** True when `url` is the app's own renderer page — the only page allowed to use the API. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === new URL(location.url).origin;
  return isAppOrigin(parsed) && (parsed.pathname === '/' || parsed.pathname === '/index.html');
}

/**
 * The one window: the renderer gets no Node, runs sandboxed in its own context, and can only
 * talk to the host through the preload's `window.pipewright`.
 */
export function windowOptions(
  state: WindowState | undefined,
  preloadPath: string,
): BrowserWindowConstructorOptions {
  return {
    width: state?.width ?? WINDOW_DEFAULTS.width,
    height: state?.height ?? WINDOW_DEFAULTS.height,
    ...(state?.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: WINDOW_DEFAULTS.minWidth,
    minHeight: WINDOW_DEFAULTS.minHeight,
    title: 'Pipewright',
    show: false,
    backgroundColor: '#1b1f24',
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}

/**
 * Keeps a remembered position only if it is still on a screen (a monitor may have gone), and
 * the size within the screen it is on.
 */
export function visibleState(
  state: WindowState | undefined,
  workAreas: Rectangle[],
): WindowState | undefined {
  if (!state) return undefined;
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const area = workAreas.find(
    (a) =>
      x + 100 <= a.x + a.width &&
      x + state.width - 100 >= a.x &&
      y >= a.y &&
      y + 50 <= a.y + a.height,
  );
  if (area) return state;
  const { x: _x, y: _y, ...sizeOnly } = state;
  return sizeOnly;
}

/**
 * CSP and security headers on every http(s) response (the dev server; `app://` responses carry
 * their own, see app-protocol.ts); no permissions.
 */
export function hardenSession(session: Session, location: RendererLocation): void {
  const csp = contentSecurityPolicy(
    location.kind === 'dev'
      ? { dev: true, connect: [new URL(location.url).origin.replace(/^http/, 'ws')] }
      : {},
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        ...Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([k, v]) => [k, [v]])),
      },
    });
  });
  // Copying nodes writes (sanitised) text to the clipboard; everything else is refused.
  const allowed = new Set(['clipboard-sanitized-write']);
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(allowed.has(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => allowed.has(permission));
}

/**
 * No navigation away from the app, no new windows, no webviews; links to the allowed
 * documentation sites (https only) go to the system browser, anything else nowhere.
 */
export function hardenWebContents(contents: WebContents, location: RendererLocation): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url, location)) event.preventDefault();
  };
  contents.on('will-navigate', refuseNavigation);
  contents.on('will-redirect', refuseNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(options: {
  state: WindowState | undefined;
  preloadPath: string;
  location: RendererLocation;
}): BrowserWindow {
  const win = new BrowserWindow(windowOptions(options.state, options.preloadPath));
  if (options.state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.location.kind === 'dev' ? options.location.url : APP_INDEX_URL);
  return win;
}
