import type {
  AppInfo,
  EventChannel,
  EventPayloads,
  OpenedDocument,
} from '../../shared/api/contract';
import { version as appVersion } from '../../package.json';
import { apiError } from './api-errors';
import { createCodegenHandlers } from './codegen-api';
import { realFs, type AtomicFs } from './atomic-write';
import { createDispatcher, type Dispatch, type HostHandlers } from './dispatcher';
import { createDocumentService, type DocumentService } from './documents';
import { confineToChoices, confineToFolders, type PathConfinement } from './path-confinement';
import { APP_NAME, defaultHostDir } from './paths';
import { createRecoveryStore, type RecoveryStore } from './recovery';
import { createRunServices, type RunServices } from './runs/api';
import { createImportHandlers } from './import-api';
import type { SpawnRunner } from '../runner/spawn';
import { createSettingsStore, type SettingsStore } from './settings';

/** Native open/save dialogs; only the Electron host has them. */
export interface HostDialogs {
  pickOpen(): Promise<string | null>;
  pickSave(suggestedName: string): Promise<string | null>;
  /** A folder to export generated code into (issue 4). */
  pickFolder?(): Promise<string | null>;
}

/** The window the renderer lives in, where the host has one (Electron). */
export interface HostWindow {
  setDirty(dirty: boolean, title: string): void;
}

export interface HostServicesOptions {
  userDataDir: string;
  /**
   * Web mode: the folder the page may read and write in, besides `userDataDir` (default: a
   * Pipewright folder in the user's documents). The desktop app confines the page to what the
   * user chose in its dialogs instead.
   */
  hostDir?: string;
  examplesDir: string;
  host?: AppInfo['host'];
  dialogs?: HostDialogs;
  window?: HostWindow;
  /** File operations for writes; tests inject faults here. */
  fs?: AtomicFs;
  /** Where warnings go besides `app:info` (default: stderr). */
  warn?: (message: string) => void;
  /** How to start the runner process (Electron: utilityProcess); default a Node fork. */
  spawnRunner?: SpawnRunner;
}

export type EventListener = <E extends EventChannel>(event: E, payload: EventPayloads[E]) => void;

export interface HostServices {
  handlers: HostHandlers;
  /** Validates and runs one request; never throws. */
  dispatch: Dispatch;
  /** Subscribes a transport to host → renderer events. */
  onEvent(listener: EventListener): () => void;
  emit<E extends EventChannel>(event: E, payload: EventPayloads[E]): void;
  /**
   * Opens a file the host was given (command line, file association, second instance, Open
   * Recent) and hands it to the renderer: as an event once it has asked for pending documents,
   * queued until then.
   */
  openFromHost(path: string): Promise<void>;
  documents: DocumentService;
  settings: SettingsStore;
  recovery: RecoveryStore;
  /** Real runs, Redis and monitoring (issue 6). */
  runs: RunServices;
  /** Where the page's paths may lead (see path-confinement.ts). */
  confinement: PathConfinement;
  warnings: readonly string[];
  /** Waits for settings writes in flight; stops a run and a managed Redis. */
  close(): Promise<void>;
}

/** The host services every host (Electron, web, CLI) wires to its transport. */
export function createHostServices(options: HostServicesOptions): HostServices {
  const { userDataDir, examplesDir, dialogs, host = 'web', fs = realFs } = options;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    (options.warn ?? ((m: string) => process.stderr.write(`pipewright: ${m}\n`)))(message);
  };
  const settings = createSettingsStore({ userDataDir, fs, warn });
  const documents = createDocumentService({ examplesDir, settings, fs, warn });
  const recovery = createRecoveryStore({ userDataDir, fs, warn });
  const confinement =
    host === 'electron'
      ? confineToChoices({
          recentFiles: async () => (await settings.get()).recentFiles.map((r) => r.path),
        })
      : confineToFolders({ hostDir: options.hostDir ?? defaultHostDir(), dataDir: userDataDir });
  /** A dialog's answer is the user's choice: the page may then use that path. */
  const chosen = async (
    path: string | null,
    grant: (path: string) => Promise<void>,
  ): Promise<{ path: string } | null> => {
    if (path === null) return null;
    await grant(path);
    return { path };
  };

  const listeners = new Set<EventListener>();
  const emit: HostServices['emit'] = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const pending: OpenedDocument[] = [];
  let rendererListening = false;
  const runs = createRunServices({
    redisUrl: async () => (await settings.get()).redisUrl,
    ...(options.spawnRunner ? { spawnRunner: options.spawnRunner } : {}),
    confine: (path) => confinement.confine(path, 'report'),
    emit,
  });

  const noDialogs = () =>
    apiError(
      'unsupported',
      'this host has no native file dialogs (web mode); type the full path of the file instead',
    );

  const handlers: HostHandlers = {
    'app:info': async () => {
      await settings.get(); // loading settings may add a warning the user should see
      return {
        name: APP_NAME,
        version: appVersion,
        host,
        platform: process.platform,
        nativeDialogs: dialogs !== undefined,
        userDataDir,
        hostDir: confinement.hostDir,
        warnings: [...warnings],
      };
    },
    'examples:list': () => documents.listExamples(),
    'documents:new': ({ exampleId }) => documents.create(exampleId),
    'documents:open': async ({ path }) => documents.open(await confinement.confine(path, 'open')),
    'documents:pickOpen': async () => {
      if (!dialogs) throw noDialogs();
      return chosen(await dialogs.pickOpen(), confinement.grantFile);
    },
    'documents:save': async ({ path, document }) =>
      documents.save(await confinement.confine(path, 'save'), document),
    'documents:saveAs': async ({ path, document, overwrite }) =>
      documents.save(await confinement.confine(path, 'save'), document, {
        overwrite: overwrite ?? false,
      }),
    'documents:pickSave': async ({ suggestedName }) => {
      if (!dialogs) throw noDialogs();
      return chosen(await dialogs.pickSave(suggestedName), confinement.grantFile);
    },
    'documents:recent': () => documents.recent(),
    'documents:clearRecent': () => documents.clearRecent(),
    'documents:pending': async () => {
      rendererListening = true;
      return pending.splice(0);
    },
    'recovery:write': async ({ key, document }) => {
      await recovery.write(key, document);
      return { ok: true };
    },
    'recovery:list': () => recovery.list(),
    'recovery:clear': async ({ key }) => {
      await recovery.clear(key);
      return { ok: true };
    },
    'settings:get': () => settings.get(),
    'settings:update': (patch) => settings.update(patch),
    'window:setDirty': async ({ dirty, title }) => {
      options.window?.setDirty(dirty, title);
      return { ok: true };
    },
    ...runs.handlers,
    ...createImportHandlers(),
    ...createCodegenHandlers({
      confine: (folder) => confinement.confine(folder, 'export'),
      ...(dialogs?.pickFolder
        ? {
            pickFolder: async () =>
              (await chosen(await dialogs.pickFolder!(), confinement.grantFolder))?.path ?? null,
          }
        : {}),
    }),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers, warn),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    async openFromHost(path) {
      // Named by the user on the command line or through the OS: the page may save it back.
      await confinement.grantFile(path);
      const opened = await documents.open(path);
      if (rendererListening) emit('document:opened', opened);
      else pending.push(opened);
    },
    documents,
    settings,
    recovery,
    runs,
    confinement,
    warnings,
    close: async () => {
      await Promise.all([settings.flush(), runs.close()]);
    },
  };
}
