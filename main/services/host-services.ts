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
import { APP_NAME } from './paths';
import { createRecoveryStore, type RecoveryStore } from './recovery';
import { createRunServices, type RunServices } from './runs-api';
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

  const listeners = new Set<EventListener>();
  const emit: HostServices['emit'] = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const pending: OpenedDocument[] = [];
  let rendererListening = false;
  const runs = createRunServices({
    redisUrl: async () => (await settings.get()).redisUrl,
    ...(options.spawnRunner ? { spawnRunner: options.spawnRunner } : {}),
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
        warnings: [...warnings],
      };
    },
    'examples:list': () => documents.listExamples(),
    'documents:new': ({ exampleId }) => documents.create(exampleId),
    'documents:open': ({ path }) => documents.open(path),
    'documents:pickOpen': async () => {
      if (!dialogs) throw noDialogs();
      const path = await dialogs.pickOpen();
      return path === null ? null : { path };
    },
    'documents:save': ({ path, document }) => documents.save(path, document),
    'documents:saveAs': ({ path, document, overwrite }) =>
      documents.save(path, document, { overwrite: overwrite ?? false }),
    'documents:pickSave': async ({ suggestedName }) => {
      if (!dialogs) throw noDialogs();
      const path = await dialogs.pickSave(suggestedName);
      return path === null ? null : { path };
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
    ...createCodegenHandlers({ pickFolder: dialogs?.pickFolder?.bind(dialogs) }),
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
      const opened = await documents.open(path);
      if (rendererListening) emit('document:opened', opened);
      else pending.push(opened);
    },
    documents,
    settings,
    recovery,
    runs,
    warnings,
    close: async () => {
      await Promise.all([settings.flush(), runs.close()]);
    },
  };
}
