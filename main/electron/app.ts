import { extname, join, resolve } from 'node:path';
import { app, screen, session, shell, type BrowserWindow } from 'electron';
import type { MenuCommand } from '../../shared/api/contract';
import { createHostServices, type HostServices } from '../services/host-services';
import { defaultUserDataDir } from '../services/paths';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { confirmClose, createElectronDialogs, showOpenError } from './dialogs';
import { registerIpc, sendEvent } from './ipc';
import { setGuardSpawner } from '../redis/guard';
import { electronGuardSpawner } from './redis-guard';
import { installMenu } from './menu';
import { electronRunnerSpawner } from './runner-process';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  rendererLocation,
  visibleState,
  type RendererLocation,
} from './window';

/** Pipeline files named on a command line (ours, or a second instance's). */
export function documentArgs(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && extname(arg).toLowerCase() === '.json')
    .map((arg) => resolve(cwd, arg));
}

/** Requests after which the Open Recent menu may have changed. */
const CHANGES_RECENT = new Set([
  'documents:open',
  'documents:save',
  'documents:saveAs',
  'documents:clearRecent',
]);

/**
 * The desktop app: one window, one set of host services. A second launch hands its files to
 * the first instance; files given on the command line or by the OS open in the window.
 */
export async function startApp(builtDir: string): Promise<void> {
  // The same folder as web mode, so settings and recent files are shared.
  app.setPath('userData', defaultUserDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before `ready`, as Electron requires for a privileged scheme.
  registerAppScheme();
  // This binary cannot act as Node (RunAsNode fuse off): a managed Redis's guard is a utility process.
  setGuardSpawner(electronGuardSpawner);
  const location: RendererLocation = rendererLocation(app.isPackaged, builtDir);
  let win: BrowserWindow | undefined;
  let dirty = false;
  let title = 'Untitled pipeline';
  let closeAfterSave = false;
  let closing = false;

  const warn = (message: string) => void process.stderr.write(`pipewright: ${message}\n`);
  const services: HostServices = createHostServices({
    userDataDir: app.getPath('userData'),
    examplesDir: app.isPackaged
      ? join(process.resourcesPath, 'examples')
      : join(app.getAppPath(), 'resources', 'examples'),
    host: 'electron',
    dialogs: createElectronDialogs(() => win),
    spawnRunner: electronRunnerSpawner(join(builtDir, 'main', 'runner.js')),
    window: {
      setDirty(nextDirty, nextTitle) {
        dirty = nextDirty;
        title = nextTitle || title;
        win?.setTitle(`${title}${dirty ? ' •' : ''} — Pipewright`);
        win?.setDocumentEdited(dirty);
        if (dirty) closeAfterSave = false;
        else if (closeAfterSave && win) {
          closing = true;
          win.close();
        }
      },
    },
    warn,
  });

  const openFile = (path: string) =>
    services.openFromHost(path).then(
      () => refreshMenu(),
      (error: Error) => showOpenError(path, error.message),
    );
  const command = (name: MenuCommand) => {
    if (win) sendEvent(win.webContents, 'menu:command', { command: name });
  };
  const refreshMenu = async () =>
    installMenu({
      platform: process.platform,
      recentFiles: (await services.settings.get()).recentFiles,
      dev: !app.isPackaged,
      actions: {
        command,
        openRecent: (path) => void openFile(path),
        clearRecent: () =>
          void services.settings
            .clearRecent()
            .then(refreshMenu)
            .catch((error: Error) => warn(error.message)),
        openUserDataFolder: () => void shell.openPath(app.getPath('userData')),
      },
    });

  // Registered before `ready`: macOS delivers files it was launched with through this.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void openFile(path);
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
    for (const path of documentArgs(argv.slice(1), workingDirectory)) void openFile(path);
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => void services.close());

  await app.whenReady();
  if (location.kind === 'app') serveAppProtocol(location.rendererDir);
  hardenSession(session.defaultSession, location);
  registerIpc({
    services,
    isAppUrl: (url) => isAppUrl(url, location),
    targets: () => (win && !win.isDestroyed() ? [win.webContents] : []),
    afterRequest: (channel) => {
      if (CHANGES_RECENT.has(channel)) void refreshMenu();
    },
  });
  for (const path of documentArgs(process.argv.slice(1), process.cwd())) await openFile(path);
  await refreshMenu();

  const openWindow = async () => {
    const state = visibleState(
      (await services.settings.get()).window,
      screen.getAllDisplays().map((d) => d.workArea),
    );
    const created = createMainWindow({
      state,
      preloadPath: join(builtDir, 'preload', 'index.cjs'),
      location,
    });
    win = created;
    dirty = false;
    closing = false;
    const rememberBounds = () => {
      if (created.isDestroyed() || created.isMinimized() || created.isFullScreen()) return;
      const bounds = created.getNormalBounds();
      services.settings
        .setWindow({ ...bounds, maximized: created.isMaximized() })
        .catch((error: Error) => warn(error.message));
    };
    created.on('close', (event) => {
      rememberBounds();
      if (!dirty || closing) return;
      event.preventDefault();
      void confirmClose(created, title).then((choice) => {
        if (choice === 'save') {
          closeAfterSave = true;
          command('file:save');
        } else if (choice === 'discard') {
          closing = true;
          created.close();
        }
      });
    });
    created.on('closed', () => {
      if (win === created) win = undefined;
    });
  };
  app.on('activate', () => {
    if (!win) void openWindow();
  });
  await openWindow();
}
