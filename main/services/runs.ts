import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  ApiError,
  runControlSchema,
  type RedisStatus,
  type RunControl,
  type RunInfo,
  type RunLogEntry,
  type RunResult,
  type RunSnapshotEvent,
  type RunStatus,
} from '../../shared/api/contract';
import { keyPrefix } from '../../shared/bullmq-options';
import { parseDocumentValue, type PipelineDocument } from '../../shared/document';
import { validateDocument } from '../../shared/validation';
import { deleteKeysByPrefix } from '../redis/keys';
import { RedisUnavailableError } from '../redis/locate';
import { RunnerClient } from '../runner/client';
import { planRun } from '../runner/plan';
import { DEFAULT_RUN_OPTIONS, type RunOptions } from '../runner/protocol';
import { spawnNodeRunner, type SpawnRunner } from '../runner/spawn';
import { buildRunReport, type RunReport } from './run-report';
import { RunHistory } from './runs-history';
import type { RedisService } from './runs-redis';
import { summaryFromSnapshot } from './runs-summary';

export interface RunServiceOptions {
  redis: RedisService;
  /** How to start the runner process (Electron passes its utilityProcess version). */
  spawn?: SpawnRunner;
  /** Snapshot cadence and stall detection; short by default so faults show quickly. */
  runOptions?: Partial<
    Pick<RunOptions, 'snapshotIntervalMs' | 'stalledIntervalMs' | 'lockDurationMs'>
  >;
  /** How long a draining stop waits for the queues to empty (default 30 s). */
  drainTimeoutMs?: number;
}

export interface StartRun {
  document: unknown;
  redisUrl?: string;
  durationMs?: number;
  keepKeys?: boolean;
}

interface ActiveRun {
  runId: string;
  document: PipelineDocument;
  redisUrl: string;
  redis: RedisStatus;
  prefix: string;
  startedAt: number;
  epoch: number;
  keepKeys: boolean;
  client: RunnerClient | null;
  timer: NodeJS.Timeout | undefined;
  history: RunHistory;
  result: RunResult | null;
}

const bad = (message: string) => new ApiError({ code: 'invalid-request', message });

/**
 * Real runs for every host (Electron, web, CLI): one run at a time, in a runner process, with
 * start / stop / controls / restart after a crash, and snapshot, log and status callbacks that
 * the hosts forward as `run:snapshot`, `run:log` and `run:status` events.
 */
export class RunService {
  private run: ActiveRun | null = null;
  private state: RunStatus = {
    runId: null,
    state: 'idle',
    message: 'No run yet',
    documentName: null,
    startedAt: null,
    redis: null,
    canRestart: false,
    pausedQueues: [],
  };
  private readonly snapshotListeners = new Set<(event: RunSnapshotEvent) => void>();
  private readonly logListeners = new Set<(entry: RunLogEntry) => void>();
  private readonly statusListeners = new Set<(status: RunStatus) => void>();
  private stopped: { promise: Promise<RunResult>; resolve: (r: RunResult) => void } | null = null;
  private stopping: Promise<RunResult> | null = null;

  constructor(private readonly options: RunServiceOptions) {}

  onSnapshot(listener: (event: RunSnapshotEvent) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }
  onLog(listener: (entry: RunLogEntry) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }
  onStatus(listener: (status: RunStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  status(): RunStatus {
    return this.state;
  }

  /** The current or last run, for reports. */
  get current(): Readonly<ActiveRun> | null {
    return this.run;
  }

  /** Pid of the runner process, while one is up. */
  get runnerPid(): number | undefined {
    return this.run?.client?.alive ? this.run.client.pid : undefined;
  }

  /** Resolves with the result when the current run has stopped (by request or its duration). */
  whenStopped(): Promise<RunResult> {
    if (!this.stopped) return Promise.reject(new Error('no run is on'));
    return this.stopped.promise;
  }

  async start(request: StartRun): Promise<RunInfo> {
    if (this.run && ['starting', 'running', 'stopping'].includes(this.state.state)) {
      throw bad(`a run of "${this.run.document.name}" is on; stop it before starting another`);
    }
    const document = checkDocument(request.document);
    let endpoint;
    try {
      endpoint = await this.options.redis.ensure(request.redisUrl ?? document.settings?.redisUrl);
    } catch (error) {
      if (error instanceof RedisUnavailableError) {
        throw new ApiError({ code: 'unsupported', message: `${error.message}\n${error.help}` });
      }
      throw error;
    }
    const runId = `run-${randomBytes(4).toString('hex')}`;
    let resolve: (r: RunResult) => void = () => {};
    const promise = new Promise<RunResult>((r) => (resolve = r));
    promise.catch(() => undefined);
    this.stopped = { promise, resolve };
    this.run = {
      runId,
      document,
      redisUrl: endpoint.url,
      redis: this.options.redis.status(),
      prefix: keyPrefix(document, runId),
      startedAt: Date.now(),
      epoch: 0,
      keepKeys: request.keepKeys ?? false,
      client: null,
      timer: undefined,
      history: new RunHistory(),
      result: null,
    };
    this.publish({
      runId,
      state: 'starting',
      message: `Starting "${document.name}"…`,
      documentName: document.name,
      startedAt: this.run.startedAt,
      redis: null,
      canRestart: false,
      pausedQueues: [],
    });
    await this.launch(this.run);
    if (request.durationMs !== undefined) {
      this.run.timer = setTimeout(() => {
        void this.stop({ keepKeys: request.keepKeys ?? false }).catch(() => undefined);
      }, request.durationMs);
    }
    return this.info(this.run);
  }

  /** After a crash: a new runner carries the run on, on the same keys and clock. */
  async restart(): Promise<RunInfo> {
    const run = this.run;
    if (!run || this.state.state !== 'crashed') {
      throw bad('there is no crashed run to restart; start a new run instead');
    }
    run.epoch++;
    this.publish({
      ...this.state,
      state: 'starting',
      message: 'Restarting the runner…',
      canRestart: false,
    });
    await this.launch(run);
    this.emitLog(run, 'info', `runner restarted (incarnation ${run.epoch}); the run carries on`);
    return this.info(run);
  }

  async control(request: RunControl): Promise<void> {
    const parsed = runControlSchema.safeParse(request);
    if (!parsed.success) {
      throw bad(
        `invalid control: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'control'}: ${i.message}`).join('; ')}`,
      );
    }
    const control = parsed.data;
    const run = this.run;
    if (!run || this.state.state !== 'running' || !run.client) {
      throw bad(`no run is on (the run is ${this.state.state}); start one first`);
    }
    const [kind, id] =
      'queueId' in control
        ? (['queue', control.queueId] as const)
        : 'producerId' in control
          ? (['producer', control.producerId] as const)
          : (['worker', control.workerId] as const);
    const node = run.document.nodes.find((n) => n.id === id);
    if (!node || node.kind !== kind) {
      const known = run.document.nodes
        .filter((n) => n.kind === kind)
        .map((n) => `${n.id} ("${n.name}")`)
        .join(', ');
      throw bad(
        `no ${kind} with id "${id}" in the running pipeline; its ${kind}s are: ${known || 'none'}`,
      );
    }
    try {
      await run.client.control(control);
    } catch (error) {
      throw bad((error as Error).message);
    }
    if (control.type === 'pause' || control.type === 'resume') {
      const paused = new Set(this.state.pausedQueues);
      if (control.type === 'pause') paused.add(control.queueId);
      else paused.delete(control.queueId);
      this.publish({ ...this.state, pausedQueues: [...paused] });
    }
  }

  /** Stops the run (after a crash: cleans its keys from here); resolves with its result. */
  stop(request: { drain?: boolean; keepKeys?: boolean } = {}): Promise<RunResult> {
    if (this.stopping) return this.stopping;
    const run = this.run;
    if (!run || !['running', 'crashed', 'starting'].includes(this.state.state)) {
      return Promise.reject(bad(`no run is on (the run is ${this.state.state})`));
    }
    this.stopping = this.doStop(
      run,
      request.drain ?? false,
      request.keepKeys ?? run.keepKeys,
    ).finally(() => (this.stopping = null));
    return this.stopping;
  }

  /** The last finished run's report (configuration, summary, prediction, charts, log). */
  report(): RunReport {
    const run = this.run;
    if (!run?.result) {
      throw new ApiError({
        code: 'not-found',
        message: run
          ? 'the run is still on; stop it first: the report covers a finished run'
          : 'there is no run to report yet; start and stop a run first',
      });
    }
    return buildRunReport({
      runId: run.runId,
      document: run.document,
      startedAt: run.startedAt,
      redis: run.redis,
      result: run.result,
      points: run.history.points,
      log: run.history.log,
    });
  }

  /** Kills a running runner without cleaning up (host shutting down). */
  dispose(): void {
    const run = this.run;
    if (!run) return;
    clearTimeout(run.timer);
    run.client?.kill();
    this.snapshotListeners.clear();
    this.logListeners.clear();
    this.statusListeners.clear();
  }

  private async doStop(run: ActiveRun, drain: boolean, keepKeys: boolean): Promise<RunResult> {
    clearTimeout(run.timer);
    const crashed = this.state.state === 'crashed' || !run.client?.alive;
    this.publish({
      ...this.state,
      state: 'stopping',
      message: drain ? 'Draining the queues…' : 'Stopping…',
    });
    let result: RunResult;
    const drainTimeoutMs = this.options.drainTimeoutMs ?? 30_000;
    const stopped = crashed
      ? null
      : await Promise.race([
          run.client!.stop(drain, keepKeys, drainTimeoutMs).catch((error: Error) => error),
          new Promise<Error>((r) =>
            setTimeout(
              () => r(new Error('the runner did not stop in time')),
              drainTimeoutMs + 20_000,
            ).unref(),
          ),
        ]);
    if (stopped && !(stopped instanceof Error)) {
      result = { runId: run.runId, ...stopped, keysKept: keepKeys };
    } else {
      if (stopped instanceof Error)
        this.emitLog(run, 'error', `${stopped.message}; cleaning up from the host`);
      run.client?.kill();
      let keysRemoved = 0;
      if (!keepKeys) keysRemoved = await removeKeys(run.redisUrl, run.prefix).catch(() => 0);
      const last = run.history.last?.snapshot;
      result = {
        runId: run.runId,
        summary: summaryFromSnapshot(run.document, last, Date.now() - run.startedAt),
        drained: false,
        keysRemoved,
        keysKept: keepKeys,
      };
    }
    run.result = result;
    run.client = null;
    this.publish({
      ...this.state,
      state: 'stopped',
      message: `Run stopped${result.drained ? ' after draining' : ''}; ${
        keepKeys ? 'its keys were kept' : `${result.keysRemoved} keys removed`
      }`,
      redis: null,
      canRestart: false,
      pausedQueues: [],
    });
    this.stopped?.resolve(result);
    return result;
  }

  private async launch(run: ActiveRun): Promise<void> {
    const client = new RunnerClient(this.options.spawn ?? spawnNodeRunner, {
      snapshot: (m) => {
        if (run.client !== client) return;
        const event = {
          runId: run.runId,
          snapshot: m.snapshot,
          redis: m.redis,
          runnerMemory: m.memory,
        };
        run.history.addSnapshot(event);
        for (const listener of this.snapshotListeners) listener(event);
      },
      log: (m) => {
        if (run.client !== client) return;
        this.emitLog(run, m.level, m.message, m.nodeId, m.t);
      },
      redis: (m) => {
        if (run.client !== client || this.state.state !== 'running') return;
        this.publish({
          ...this.state,
          redis: m.state,
          message:
            m.state === 'lost' ? 'Redis connection lost; the runner is reconnecting' : 'Running',
        });
      },
      exit: (reason) => {
        if (run.client !== client) return;
        if (this.state.state === 'running' || this.state.state === 'starting') {
          this.emitLog(run, 'error', `the runner stopped unexpectedly: ${reason}`);
          this.publish({
            ...this.state,
            state: 'crashed',
            message: `The runner stopped unexpectedly (${reason}). Restart it to carry on, or stop the run.`,
            redis: null,
            canRestart: true,
          });
        }
      },
    });
    run.client = client;
    try {
      const { prefix, startedAt } = await client.start({
        runId: run.runId,
        runPrefix: run.runId,
        redisUrl: run.redisUrl,
        document: run.document,
        options: {
          ...DEFAULT_RUN_OPTIONS,
          ...this.options.runOptions,
          epoch: run.epoch,
          // The first runner starts the clock; a restarted one keeps it.
          ...(run.epoch > 0 ? { startedAt: run.startedAt } : {}),
        },
      });
      run.prefix = prefix;
      run.startedAt = startedAt;
    } catch (error) {
      client.kill();
      run.client = null;
      const message = (error as Error).message;
      this.publish({
        ...this.state,
        state: 'failed',
        message: `The run could not start: ${message}`,
        canRestart: false,
      });
      this.stopped?.resolve({
        runId: run.runId,
        summary: summaryFromSnapshot(run.document, undefined, 0),
        drained: false,
        keysRemoved: 0,
        keysKept: true,
      });
      throw new ApiError({ code: 'internal', message: `the run could not start: ${message}` });
    }
    this.publish({ ...this.state, state: 'running', message: 'Running', redis: 'connected' });
  }

  private info(run: ActiveRun): RunInfo {
    return {
      runId: run.runId,
      prefix: run.prefix,
      documentName: run.document.name,
      startedAt: run.startedAt,
      redis: run.redis,
    };
  }

  private emitLog(
    run: ActiveRun,
    level: RunLogEntry['level'],
    message: string,
    nodeId?: string,
    t?: number,
  ) {
    const entry: RunLogEntry = {
      runId: run.runId,
      t: t ?? Date.now() - run.startedAt,
      level,
      ...(nodeId === undefined ? {} : { nodeId }),
      message,
    };
    run.history.addLog(entry);
    for (const listener of this.logListeners) listener(entry);
  }

  private publish(status: RunStatus): void {
    this.state = status;
    for (const listener of this.statusListeners) listener(status);
  }
}

/** Validation findings that describe a pipeline's behaviour, not a reason it cannot run. */
const RUNNABLE_DESPITE = new Set(['capacity', 'rate-limit']);

/** The document as a runnable pipeline, or an `invalid-document` error saying what to fix. */
function checkDocument(raw: unknown): PipelineDocument {
  const parsed = parseDocumentValue(raw);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new ApiError({
      code: 'invalid-document',
      message: `the document is not valid: ${first?.path ? `${first.path}: ` : ''}${first?.message}`,
      errors: parsed.errors,
    });
  }
  // An overloaded pipeline still runs: watching its backlog grow is what a run is for.
  const errors = validateDocument(parsed.document).filter(
    (d) => d.severity === 'error' && !RUNNABLE_DESPITE.has(d.rule),
  );
  const plan = planRun(parsed.document);
  const problems = [
    ...errors.map((d) => `${d.message} (${d.hint})`),
    ...(plan.ok ? [] : plan.errors),
  ];
  if (problems.length > 0) {
    throw new ApiError({
      code: 'invalid-document',
      message: `this pipeline cannot run: ${problems.join('; ')}`,
      errors: problems.map((message) => ({ path: '', message })),
    });
  }
  return parsed.document;
}

async function removeKeys(url: string, prefix: string): Promise<number> {
  if (!prefix) return 0;
  const client = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: true,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return await deleteKeysByPrefix(client, prefix);
  } finally {
    client.disconnect();
  }
}
