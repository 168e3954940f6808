// A stand-in for the `electron` module (Electron cannot run on these machines), used only through
// `vi.mock('electron', () => import('./fake-electron'))`. It records what the shell asks of
// Electron so tests can assert on it, and routes ipcRenderer.invoke to ipcMain handlers the way
// Electron does, with a sender frame the test chooses.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, payload: unknown) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export const state = {
  lock: true,
  paths: new Map<string, string>(),
  ipcHandlers: new Map<string, Handler>(),
  senderFrame: null as FakeFrame | null,
  windows: [] as FakeBrowserWindow[],
  menuTemplate: undefined as unknown,
  headersListener: undefined as
    | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void)
    | undefined,
  permissionRequest: undefined as
    ((contents: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined,
  permissionCheck: undefined as ((contents: unknown, permission: string) => boolean) | undefined,
  exposed: new Map<string, unknown>(),
  messageBoxResponse: 0,
  utilityProcesses: [] as FakeUtilityProcess[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
};

class FakeWebContents extends EventEmitter {
  send = vi.fn();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed = () => false;
}

export class FakeBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  destroyed = false;
  title = '';
  loaded: string | undefined;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    state.windows.push(this);
  }
  loadFile = async (path: string) => void (this.loaded = `file:${path}`);
  loadURL = async (url: string) => void (this.loaded = url);
  show = vi.fn();
  maximize = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isMaximized = () => false;
  isFullScreen = () => false;
  isDestroyed = () => this.destroyed;
  setTitle = (title: string) => void (this.title = title);
  setDocumentEdited = vi.fn();
  getNormalBounds = () => ({ x: 40, y: 30, width: 1111, height: 777 });
  /** Like Electron: emits `close`; unless a listener prevented it, the window is destroyed. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
  }
}

export const BrowserWindow = FakeBrowserWindow;

class FakeApp extends EventEmitter {
  isPackaged = false;
  quit = vi.fn();
  setPath(name: string, value: string) {
    state.paths.set(name, value);
  }
  getPath(name: string) {
    const path = state.paths.get(name);
    if (!path) throw new Error(`no path ${name}`);
    return path;
  }
  getAppPath = () => state.paths.get('appPath') ?? process.cwd();
  requestSingleInstanceLock = () => state.lock;
  whenReady = () => Promise.resolve();
}
export const app = new FakeApp();

export const fakeIpcMain = {
  handle: vi.fn((channel: string, handler: Handler) => {
    if (state.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    state.ipcHandlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => state.ipcHandlers.delete(channel)),
};

class FakeIpcRenderer extends EventEmitter {
  async invoke(channel: string, payload: unknown) {
    const handler = state.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    // Electron structured-clones both ways.
    return structuredClone(
      await handler({ senderFrame: state.senderFrame }, structuredClone(payload)),
    );
  }
}
export const fakeIpcRenderer = new FakeIpcRenderer();
// The names the shell imports from 'electron'.
export { fakeIpcMain as ipcMain, fakeIpcRenderer as ipcRenderer };

export const contextBridge = {
  exposeInMainWorld: vi.fn((name: string, api: unknown) => state.exposed.set(name, api)),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown }) => (state.menuTemplate = menu.template)),
};

export const dialog = {
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
  showSaveDialog: vi.fn(async () => ({ canceled: true })),
  showMessageBox: vi.fn(async () => ({ response: state.messageBoxResponse })),
  showErrorBox: vi.fn(),
};

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: vi.fn((listener: typeof state.headersListener) => {
        state.headersListener = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn((handler: typeof state.permissionRequest) => {
      state.permissionRequest = handler;
    }),
    setPermissionCheckHandler: vi.fn((handler: typeof state.permissionCheck) => {
      state.permissionCheck = handler;
    }),
  },
};

export const protocol = {
  registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) =>
    state.privilegedSchemes.push(...schemes),
  ),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    if (state.protocolHandlers.has(scheme)) throw new Error(`second handler for ${scheme}:`);
    state.protocolHandlers.set(scheme, handler);
  }),
};

export const shell = {
  openExternal: vi.fn(async () => undefined),
  openPath: vi.fn(async () => ''),
};
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export class FakeUtilityProcess extends EventEmitter {
  readonly pid = 4242;
  readonly posted: unknown[] = [];
  constructor(
    readonly modulePath: string,
    readonly options: Record<string, unknown>,
    readonly args: string[] = [],
  ) {
    super();
    state.utilityProcesses.push(this);
  }
  postMessage = (message: unknown) => void this.posted.push(message);
  kill = vi.fn(() => true);
}
export const utilityProcess = {
  fork: (modulePath: string, args: string[], options: Record<string, unknown>) =>
    new FakeUtilityProcess(modulePath, options, args),
};

/** Back to a fresh Electron between tests. */
export function resetFakeElectron(): void {
  state.lock = true;
  state.paths.clear();
  state.ipcHandlers.clear();
  state.senderFrame = null;
  state.windows.length = 0;
  state.menuTemplate = undefined;
  state.headersListener = undefined;
  state.permissionRequest = undefined;
  state.permissionCheck = undefined;
  state.exposed.clear();
  state.messageBoxResponse = 0;
  state.utilityProcesses.length = 0;
  state.privilegedSchemes.length = 0;
  state.protocolHandlers.clear();
  app.removeAllListeners();
  fakeIpcRenderer.removeAllListeners();
  vi.clearAllMocks();
}

export default {
  app,
  BrowserWindow,
  ipcMain: fakeIpcMain,
  ipcRenderer: fakeIpcRenderer,
  contextBridge,
  Menu,
  dialog,
  session,
  protocol,
  shell,
  screen,
  utilityProcess,
};
