import { z } from 'zod';
import type { DocumentError } from '../document/parse';
import type { PipelineDocument } from '../document/schema';
import type { QueueFigures, RunSnapshot, RunSummary } from '../metrics/types';

/**
 * The one API contract between the renderer and the host (DESIGN.md "Processes and the API").
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
// Owned by the runs service (main/services/runs*.ts); the request table above spreads
// `runRequestChannels()` in, which is hoisted because that table is built before this section.

// Function declarations, not consts: they run while the request table is being built.
function runNodeId(what: string) {
  const message = `must be the id of a ${what} node`;
  return z.string({ error: message }).min(1, { error: message }).max(100, { error: message });
}
function runRedisUrl() {
  const message = 'must be a redis:// or rediss:// URL';
  return z
    .string({ error: message })
    .max(2048, { error: message })
    .regex(/^rediss?:\/\/\S+$/, { error: message });
}
function boundedNumber(min: number, max: number, integer = false) {
  const message = `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
  const base = z
    .number({ error: message })
    .min(min, { error: message })
    .max(max, { error: message });
  return integer ? base.int({ error: message }) : base;
}

function runSchemas() {
  const control = z.discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('pause'), queueId: runNodeId('queue') }),
      z.strictObject({ type: z.literal('resume'), queueId: runNodeId('queue') }),
      z.strictObject({
        type: z.literal('rate'),
        producerId: runNodeId('producer'),
        ratePerSec: boundedNumber(0, 100_000),
      }),
      z.strictObject({
        type: z.literal('concurrency'),
        workerId: runNodeId('worker'),
        concurrency: boundedNumber(1, 10_000, true),
      }),
      z.strictObject({
        type: z.literal('killReplica'),
        workerId: runNodeId('worker'),
        /** Which replica (0-based); the last one still alive when absent. */
        replica: boundedNumber(0, 999, true).optional(),
      }),
      z.strictObject({
        type: z.literal('failureRate'),
        workerId: runNodeId('worker'),
        failureRate: boundedNumber(0, 1),
      }),
    ],
    {
      error:
        'needs "type" set to one of "pause", "resume", "rate", "concurrency", "killReplica", "failureRate"',
    },
  );
  const start = z.strictObject({
    document: z.unknown(),
    /** Tried first; when it does not answer the host starts redis-server from PATH. */
    redisUrl: runRedisUrl().optional(),
    /** Stop by itself after this long (ms); runs until run:stop when absent. */
    durationMs: boundedNumber(1000, 86_400_000, true).optional(),
    /** Leave the run's keys in Redis when it stops (default: remove them). */
    keepKeys: z.boolean({ error: 'must be true or false' }).optional(),
  });
  const stop = z.strictObject({
    /** Stop producing, then let the workers empty the queues before closing them. */
    drain: z.boolean({ error: 'must be true or false' }).optional(),
    keepKeys: z.boolean({ error: 'must be true or false' }).optional(),
  });
  const report = z.strictObject({
    format: z.enum(['json', 'html'], { error: 'must be "json" or "html"' }),
    /** Write the report to this file on the host; returned inline when absent. */
    path: z.string().min(1).max(4096).optional(),
  });
  const monitor = z.strictObject({
    redisUrl: runRedisUrl().optional(),
    /** BullMQ key prefix to look under (default "bull"). */
    prefix: z
      .string({ error: 'must be a key prefix' })
      .regex(/^\S{1,100}$/, { error: 'must be a key prefix of 1-100 characters without spaces' })
      .optional(),
  });
  return { control, start, stop, report, monitor, none: z.strictObject({}) };
}

/** Request schemas of the run channels, for hosts and the runner to validate with. */
export const runRequestSchemas = runSchemas();
export const runControlSchema = runRequestSchemas.control;
export type RunControl = z.infer<typeof runControlSchema>;
export type RunStartRequest = z.infer<typeof runRequestSchemas.start>;
export type RunStopRequest = z.infer<typeof runRequestSchemas.stop>;
export type MonitorTarget = z.infer<typeof runRequestSchemas.monitor>;

export type RedisConnectionState =
  'unknown' | 'connecting' | 'connected' | 'lost' | 'reconnected' | 'unavailable';

/** The Redis the app runs against, for the status bar. */
export interface RedisStatus {
  state: RedisConnectionState;
  /** Password hidden. */
  url: string | null;
  /** True when Pipewright started this redis-server itself. */
  managed: boolean;
  version: string | null;
  maxmemoryPolicy: string | null;
  /** e.g. an eviction policy that loses jobs. */
  warnings: string[];
  message: string;
  /** What to install, when no Redis could be found or started. */
  help: string | null;
}

/** Server load at one snapshot. */
export interface RedisFigures {
  usedMemoryBytes: number;
  opsPerSec: number;
  connectedClients: number;
}

export type RunState =
  'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'crashed' | 'failed';

export interface RunStatus {
  runId: string | null;
  state: RunState;
  message: string;
  documentName: string | null;
  /** Epoch ms. */
  startedAt: number | null;
  /** The runner's own Redis connection, while a run is on. */
  redis: 'connected' | 'lost' | 'reconnected' | null;
  /** After a crash: `run:restart` carries the run on with the same keys. */
  canRestart: boolean;
  /** Ids of queues paused by a control. */
  pausedQueues: string[];
}

export interface RunInfo {
  runId: string;
  /** The BullMQ key prefix of this run's keys. */
  prefix: string;
  documentName: string;
  startedAt: number;
  redis: RedisStatus;
}

export interface RunSnapshotEvent {
  runId: string;
  snapshot: RunSnapshot;
  redis: RedisFigures | null;
  /** The runner process's memory, bytes. */
  runnerMemory?: { rssBytes: number; heapUsedBytes: number };
}

export interface RunLogEntry {
  runId: string;
  /** ms since the run started. */
  t: number;
  level: 'info' | 'warn' | 'error';
  nodeId?: string;
  message: string;
}

export interface RunResult {
  runId: string;
  summary: RunSummary;
  drained: boolean;
  /** Keys deleted from Redis (0 when kept). */
  keysRemoved: number;
  keysKept: boolean;
}

export interface RunReportFile {
  format: 'json' | 'html';
  fileName: string;
  mimeType: string;
  bytes: number;
  /** Where it was written, when a path was given. */
  path: string | null;
  /** The report itself, when no path was given. */
  content: string | null;
}

/** A queue found in a monitored Redis, with figures like a run's queue plus throughput. */
export interface MonitorQueueFigures extends QueueFigures {
  name: string;
  /** Completions and final failures per second over the last interval. */
  throughputPerSec: number;
  failedPerSec: number;
  /** Workers connected to the queue now. */
  workers: number;
}

export interface MonitorSnapshot {
  t: number;
  prefix: string;
  /** Keyed by BullMQ queue name. */
  queues: Record<string, MonitorQueueFigures>;
  redis: RedisFigures | null;
}

export interface MonitorInfo {
  url: string;
  prefix: string;
  queues: string[];
}

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
    /** Finds (or starts) Redis and says what it found. */
    'redis:status': channel<typeof s.none, RedisStatus>(s.none),
    /** Lists BullMQ queues under a prefix, read-only. */
    'monitor:discover': channel<typeof s.monitor, MonitorInfo>(s.monitor),
    /** Streams `monitor:snapshot` events for the queues under a prefix. */
    'monitor:start': channel<typeof s.monitor, MonitorInfo>(s.monitor),
    'monitor:stop': channel<typeof s.none, { ok: true }>(s.none),
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

/** What export did with each file: see main/services/export.ts. */
export interface CodegenExportedFile {
  /** Relative to the folder, `/`-separated. */
  path: string;
  /** `handler`: the user's code, never overwritten; `generated`: regenerated every time. */
  kind: 'handler' | 'generated';
  /**
   * `written`: new; `changed`: regenerated over different contents; `unchanged`: already
   * identical; `kept`: a handler that exists and differs, left as the user wrote it.
   */
  status: 'written' | 'changed' | 'unchanged' | 'kept';
}

export interface CodegenExportReport {
  /** The folder written, as the host resolved it. */
  folder: string;
  files: CodegenExportedFile[];
  /** Files an earlier export wrote that the pipeline no longer has; left in place. */
  stale: string[];
}

function codegenSchemas() {
  const folderMessage = 'must be the full path of a folder on the host';
  const exportRequest = z.strictObject({
    /** Validated again by the host, which generates the files itself. */
    document: z.unknown(),
    /** Absolute, or starting with `~/`; created when missing. */
    folder: z
      .string({ error: folderMessage })
      .min(1, { error: folderMessage })
      .max(4096, { error: 'must be at most 4096 characters' }),
    /**
     * Write into a folder that holds other files and no earlier export (refused with
     * `already-exists` otherwise). Handlers are never overwritten either way.
     */
    force: z.boolean({ error: 'must be true or false' }).optional(),
  });
  return { export: exportRequest, none: z.strictObject({}) };
}

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
