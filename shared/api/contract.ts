import { z } from 'zod';
import type { DocumentError } from '../document/parse';
import type { PipelineDocument } from '../document/schema';
import type { CalibrationResult } from '../calibration/observations';
import { codegenSchemas, type CodegenExportReport } from './codegen';
import { importSchemas } from './import';
import {
  runSchemas,
  type JobList,
  type MonitorInfo,
  type OrphanRuns,
  type MonitorSnapshot,
  type RedisStatus,
  type RunInfo,
  type RunLogEntry,
  type RunReportFile,
  type RunResult,
  type RunSnapshotEvent,
  type RunStatus,
} from './runs';
import type { RunReport } from './run-report';

export * from './runs';
export * from './run-report';
export * from './codegen';
export * from './import';

/**
 * The one API contract between the renderer and the host (docs/architecture.md "Processes and the API").
 * Request channels are `domain:verb`; each has a zod schema for its request, checked on the host
 * because the renderer is untrusted, and a response type. Event channels flow host → renderer.
 * Both transports (Electron IPC, WebSocket) are generated from these two tables.
 */

const channel = <Req extends z.ZodType, Res>(request: Req) => ({
  request,
  // Phantom: carries the response type; never read at run time.
  response: undefined as unknown as Res,
});

const none = z.strictObject({});
const filePath = z
  .string({ error: 'must be a file path' })
  .min(1, { error: 'must be a non-empty file path' })
  .max(4096, { error: 'must be at most 4096 characters' });
/** Documents travel as JSON values and are validated by the host with the document schema. */
const documentValue = z.unknown();

export interface AppInfo {
  name: string;
  version: string;
  host: 'electron' | 'web';
  platform: string;
  /** True when the host can show native open/save dialogs (Electron). */
  nativeDialogs: boolean;
  userDataDir: string;
  /**
   * Web mode: the folder the page may open, save and export in (besides `userDataDir`); null in
   * the desktop app, where the page may use what the user chose in its dialogs.
   */
  hostDir: string | null;
  /** Problems the host met at start that the user should hear about (e.g. a corrupt settings file). */
  warnings: string[];
}

export interface ExampleInfo {
  id: string;
  name: string;
  description: string;
  document: PipelineDocument;
}

export interface OpenedDocument {
  path: string | null;
  document: PipelineDocument;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

export interface AppSettings {
  theme: 'system' | 'light' | 'dark';
  recentFiles: RecentFile[];
  window?: { x?: number; y?: number; width: number; height: number; maximized: boolean };
  redisUrl?: string;
}

export const appSettingsPatch = z.strictObject({
  theme: z.enum(['system', 'light', 'dark']).optional(),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, { error: 'must be a redis:// or rediss:// URL' })
    .optional(),
});

export const requestChannels = {
  'app:info': channel<typeof none, AppInfo>(none),
  'examples:list': channel<typeof none, ExampleInfo[]>(none),
  /** A new, unsaved document: a copy of the example `exampleId`, or an empty pipeline. */
  'documents:new': channel<z.ZodObject<{ exampleId: z.ZodOptional<z.ZodString> }>, OpenedDocument>(
    z.strictObject({ exampleId: z.string().min(1).max(100).optional() }),
  ),
  'documents:open': channel<z.ZodObject<{ path: typeof filePath }>, OpenedDocument>(
    z.strictObject({ path: filePath }),
  ),
  /** Shows the host's open dialog; null when cancelled. */
  'documents:pickOpen': channel<typeof none, { path: string } | null>(none),
  /** Writes atomically (temp file, fsync, rename) and remembers the file as recent. */
  'documents:save': channel<
    z.ZodObject<{ path: typeof filePath; document: typeof documentValue }>,
    { path: string; bytes: number }
  >(z.strictObject({ path: filePath, document: documentValue })),
  /**
   * Save As: like `documents:save`, but refuses (code `already-exists`) to replace an existing
   * file unless `overwrite` is true — web mode has no native dialog to ask first.
   */
  'documents:saveAs': channel<
    z.ZodObject<{
      path: typeof filePath;
      document: typeof documentValue;
      overwrite: z.ZodOptional<z.ZodBoolean>;
    }>,
    { path: string; bytes: number }
  >(z.strictObject({ path: filePath, document: documentValue, overwrite: z.boolean().optional() })),
  /** Shows the host's save dialog; null when cancelled. */
  'documents:pickSave': channel<
    z.ZodObject<{ suggestedName: z.ZodString }>,
    { path: string } | null
  >(z.strictObject({ suggestedName: z.string().max(255) })),
  'documents:recent': channel<typeof none, RecentFile[]>(none),
  'documents:clearRecent': channel<typeof none, RecentFile[]>(none),
  /**
   * Documents the host opened before the renderer was listening (command line, file association).
   * Returns them once; later ones arrive as `document:opened` events.
   */
  'documents:pending': channel<typeof none, OpenedDocument[]>(none),
  /** Crash recovery: the editor writes its document here every few seconds. */
  'recovery:write': channel<
    z.ZodObject<{ key: z.ZodString; document: typeof documentValue }>,
    { ok: true }
  >(z.strictObject({ key: z.string().regex(/^[\w-]{1,64}$/), document: documentValue })),
  'recovery:list': channel<
    typeof none,
    Array<{ key: string; savedAt: string; document: PipelineDocument }>
  >(none),
  'recovery:clear': channel<z.ZodObject<{ key: z.ZodString }>, { ok: true }>(
    z.strictObject({ key: z.string().regex(/^[\w-]{1,64}$/) }),
  ),
  'settings:get': channel<typeof none, AppSettings>(none),
  'settings:update': channel<typeof appSettingsPatch, AppSettings>(appSettingsPatch),
  /** Tells the host whether the document has unsaved changes (close prompt, title). */
  'window:setDirty': channel<
    z.ZodObject<{ dirty: z.ZodBoolean; title: z.ZodString }>,
    { ok: true }
  >(z.strictObject({ dirty: z.boolean(), title: z.string().max(300) })),
  // runs (issue 6): defined in the runs section at the end of this file.
  ...runRequestChannels(),
  // codegen (issue 4): defined in the codegen section at the end of this file.
  ...codegenRequestChannels(),
  // import (issue 14): defined in the import section at the end of this file.
  ...importRequestChannels(),
} as const;

/** Commands the native menu sends to the renderer, which runs them as editor actions. */
export const MENU_COMMANDS = [
  'file:new',
  'file:open',
  'file:save',
  'file:saveAs',
  'file:export',
  'edit:undo',
  'edit:redo',
  'edit:selectAll',
  'view:fit',
  'view:toggleTheme',
  'run:simulate',
  'run:start',
  'run:stop',
  'help:about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface EventPayloads {
  /** A native menu item was chosen. */
  'menu:command': { command: MenuCommand };
  /** The host opened a document (command line, Open Recent, second instance). */
  'document:opened': OpenedDocument;
}

export type RequestChannel = keyof typeof requestChannels;
export type EventChannel = keyof EventPayloads;
export type RequestOf<C extends RequestChannel> = z.input<(typeof requestChannels)[C]['request']>;
/** A request after the host validated it (defaults applied). */
export type ValidRequestOf<C extends RequestChannel> = z.output<
  (typeof requestChannels)[C]['request']
>;
export type ResponseOf<C extends RequestChannel> = (typeof requestChannels)[C]['response'];

export const REQUEST_CHANNELS = Object.keys(requestChannels) as RequestChannel[];
export const EVENT_CHANNELS: readonly EventChannel[] = [
  'menu:command',
  'document:opened',
  // runs (issue 6)
  'run:snapshot',
  'run:log',
  'run:status',
  'redis:status',
  'monitor:snapshot',
];

/** The API as the renderer sees it: one async function per request channel, plus events. */
export type PipewrightApi = {
  [C in RequestChannel]: Record<never, never> extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<ResponseOf<C>>
    : (request: RequestOf<C>) => Promise<ResponseOf<C>>;
};
export interface PipewrightEvents {
  on<E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Errors cross the transport as data; `code` lets the UI react, `message` is for people. */
export type ApiErrorCode =
  | 'invalid-request'
  | 'invalid-document'
  | 'not-found'
  | 'io'
  | 'forbidden'
  | 'unsupported'
  | 'already-exists'
  | 'too-large'
  /** The transport lost its connection to the host before an answer came. */
  | 'disconnected'
  | 'internal';

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  errors?: DocumentError[];
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly errors: DocumentError[] | undefined;
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.errors = data.errors;
  }
  toData(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

/** Envelope used by both transports. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/**
 * What the Electron preload exposes as `window.pipewright`: one function per request channel that
 * answers with the envelope (errors cannot cross the context bridge with their fields), plus events.
 * `renderer/api` turns it into a `PipewrightApi`.
 */
export type PipewrightBridge = {
  [C in RequestChannel]: (request?: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>>;
} & PipewrightEvents;

/** The largest WebSocket request the web host accepts: one document (10 MB) and its envelope. */
export const MAX_WIRE_REQUEST_BYTES = 11 * 1024 * 1024;

/** WebSocket frames (web mode). Requests carry an id that the answer repeats. */
export interface WireRequest {
  id: number;
  channel: string;
  payload?: unknown;
}
export type WireMessage =
  { id: number | null; result: ApiResult<unknown> } | { event: EventChannel; payload: unknown };

// --- runs (issue 6) ---
// Real runs on BullMQ, the Redis they use, and read-only monitoring of an existing Redis.
// Owned by the runs service (main/services/runs/); the request table above spreads
// `runRequestChannels()` in, which is hoisted because that table is built before this section.

function runRequestChannels() {
  const s = runSchemas();
  return {
    /** Starts a real run of a document (one at a time). */
    'run:start': channel<typeof s.start, RunInfo>(s.start),
    /** Stops the run; its final summary comes back. */
    'run:stop': channel<typeof s.stop, RunResult>(s.stop),
    /** Steers the running pipeline; refused with `invalid-request` for unknown nodes. */
    'run:control': channel<typeof s.control, { ok: true }>(s.control),
    /** After a crash: starts the runner again on the same keys. */
    'run:restart': channel<typeof s.none, RunInfo>(s.none),
    'run:current': channel<typeof s.none, RunStatus>(s.none),
    /** The last run's report (configuration, summary, charts). */
    'run:report': channel<typeof s.report, RunReportFile>(s.report),
    /** The last run's report as data, for the renderer's summary and comparison views. */
    'run:lastReport': channel<typeof s.none, RunReport>(s.none),
    /** Runs whose keys are left in the app's Redis with no runner alive (killed hosts). */
    'run:orphans': channel<typeof s.none, OrphanRuns>(s.none),
    /** Removes an orphaned run's keys; refused for a live run or a prefix no run marked. */
    'run:clean': channel<typeof s.clean, { prefix: string; removed: number }>(s.clean),
    /** Finds (or starts) Redis and says what it found. */
    'redis:status': channel<typeof s.none, RedisStatus>(s.none),
    /** Lists BullMQ queues under a prefix, read-only. */
    'monitor:discover': channel<typeof s.monitor, MonitorInfo>(s.monitor),
    /** Streams `monitor:snapshot` events for the queues under a prefix. */
    'monitor:start': channel<typeof s.monitor, MonitorInfo>(s.monitor),
    'monitor:stop': channel<typeof s.none, { ok: true }>(s.none),
    /** Recent jobs of one queue in one state, with their data and failures (read-only). */
    'jobs:list': channel<typeof s.jobs, JobList>(s.jobs),
    /** Retries or removes one of the current run's jobs; monitored queues are read-only. */
    'jobs:act': channel<typeof s.jobAction, { ok: true }>(s.jobAction),
  };
}

export type RunRequestChannel = keyof ReturnType<typeof runRequestChannels>;

export interface EventPayloads {
  /** About four times a second while a run is on. */
  'run:snapshot': RunSnapshotEvent;
  /** Notable events: failures with their error, stalled jobs, reconnects, controls. */
  'run:log': RunLogEntry;
  'run:status': RunStatus;
  'redis:status': RedisStatus;
  'monitor:snapshot': MonitorSnapshot;
}

export const RUN_EVENT_CHANNELS = [
  'run:snapshot',
  'run:log',
  'run:status',
  'redis:status',
  'monitor:snapshot',
] as const;

// --- codegen (issue 4) ---
// Exporting the generated project into a folder on the host. Owned by
// main/services/codegen-api.ts; spread into the request table above (hoisted, like the runs).

function codegenRequestChannels() {
  const s = codegenSchemas();
  return {
    /** Generates the document's project on the host and writes it into a folder. */
    'codegen:export': channel<typeof s.export, CodegenExportReport>(s.export),
    /** Shows the host's folder dialog (Electron); null when cancelled, `unsupported` in web mode. */
    'codegen:pickFolder': channel<typeof s.none, { path: string } | null>(s.none),
  };
}

export type CodegenRequestChannel = keyof ReturnType<typeof codegenRequestChannels>;

// --- import (issue 14) ---
// Reading a live BullMQ deployment (read-only) into a calibrated model. Owned by
// main/services/import-api.ts; spread into the request table above (hoisted, like the runs).

function importRequestChannels() {
  const s = importSchemas();
  return {
    /** Reads the deployment at `url` (never writes to it) and returns the model and its report. */
    'import:redis': channel<typeof s.redis, CalibrationResult>(s.redis),
  };
}
