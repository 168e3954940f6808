import { randomBytes } from 'node:crypto';
import {
  ApiError,
  IDLE_RUN_STATUS,
  type RunControl,
  type RunInfo,
  type RunLogEntry,
  type RunReport,
  type RunResult,
  type RunSnapshotEvent,
  type RunStatus,
} from '../../../shared/api/contract';
import { keyPrefix } from '../../../shared/bullmq-options';
import type { RunIncident } from '../../../shared/metrics';
import { RedisUnavailableError } from '../../redis/locate';
import { RunnerClient } from '../../runner/client';
import { DEFAULT_RUN_OPTIONS, type RunOptions } from '../../runner/protocol';
import { spawnNodeRunner, type SpawnRunner } from '../../runner/spawn';
import { buildRunReport } from './report';
import { checkControl, checkDocument } from './document';
import { finishRun, type ActiveRun } from './active';
import { RunHistory } from './history';
import { Listeners } from './listeners';
import type { RedisService } from './redis';
import { summaryFromSnapshot } from './summary';
import { plural } from '../../../shared/plural';

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

const bad = (message: string) => new ApiError({ code: 'invalid-request', message });

/**
 * Real runs for every host (Electron, web, CLI): one run at a time, in a runner process, with
 * start / stop / controls / restart after a crash, and snapshot, log and status callbacks that
 * the hosts forward as `run:snapshot`, `run:log` and `run:status` events.
 */
export class RunService {
  private run: ActiveRun | null = null;
  private state: RunStatus = IDLE_RUN_STATUS;
  private readonly snapshots = new Listeners<RunSnapshotEvent>();
  private readonly logs = new Listeners<RunLogEntry>();
  private readonly statuses = new Listeners<RunStatus>();
  private readonly incidents = new Listeners<RunIncident>();
  private stopped: { promise: Promise<RunResult>; resolve: (r: RunResult) => void } | null = null;
  private stopping: Promise<RunResult> | null = null;

  constructor(private readonly options: RunServiceOptions) {}

  onSnapshot(listener: (event: RunSnapshotEvent) => void): () => void {
    return this.snapshots.add(listener);
  }
  onLog(listener: (entry: RunLogEntry) => void): () => void {
    return this.logs.add(listener);
  }
  onStatus(listener: (status: RunStatus) => void): () => void {
    return this.statuses.add(listener);
  }
  /** Each new or updated incident (also logged, and listed in the status). */
  onIncident(listener: (incident: RunIncident) => void): () => void {
    return this.incidents.add(listener);
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
      incidents: new Map(),
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
    // A new runner starts from the design: apply what was steered so far, in order, so the run
    // carries on as it was (and as the report's prediction replays it).
    for (const { control } of run.history.changes) {
      await run.client
        ?.control(control)
        .catch((error: Error) =>
          this.emitLog(run, 'warn', `a live change could not be applied again: ${error.message}`),
        );
    }
    this.emitLog(run, 'info', `runner restarted (incarnation ${run.epoch}); the run carries on`);
    return this.info(run);
  }

  async control(request: RunControl): Promise<void> {
    const run = this.run;
    if (!run || this.state.state !== 'running' || !run.client) {
      throw bad(`no run is on (the run is ${this.state.state}); start one first`);
    }
    const control = checkControl(run.document, request);
    try {
      await run.client.control(control);
    } catch (error) {
      throw bad((error as Error).message);
    }
    // On the run's clock, like its snapshots: the prediction replays it at this time.
    run.history.addChange({ atMs: Date.now() - run.startedAt, control });
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
      changes: run.history.changes,
    });
  }

  /** Kills a running runner without cleaning up (host shutting down). */
  dispose(): void {
    const run = this.run;
    if (!run) return;
    clearTimeout(run.timer);
    run.client?.kill();
    this.snapshots.clear();
    this.logs.clear();
    this.statuses.clear();
    this.incidents.clear();
  }

  private async doStop(run: ActiveRun, drain: boolean, keepKeys: boolean): Promise<RunResult> {
    clearTimeout(run.timer);
    const crashed = this.state.state === 'crashed' || !run.client?.alive;
    this.publish({
      ...this.state,
      state: 'stopping',
      message: drain ? 'Draining the queues…' : 'Stopping…',
    });
    const result = await finishRun(
      run,
      { drain, keepKeys, crashed, drainTimeoutMs: this.options.drainTimeoutMs ?? 30_000 },
      (message) => this.emitLog(run, 'error', message),
    );
    run.result = result;
    run.client = null;
    this.publish({
      ...this.state,
      state: 'stopped',
      message: `Run stopped${result.drained ? ' after draining' : ''}; ${
        keepKeys ? 'its keys were kept' : `${plural(result.keysRemoved, 'key')} removed`
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
        this.snapshots.emit(event);
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
      incident: ({ incident }) => {
        if (run.client !== client) return;
        run.incidents.set(incident.key, incident);
        // Outages are logged as they happen (lost / reconnected); the rest only through here.
        if (incident.kind !== 'outage') {
          this.emitLog(run, incident.level, incident.message, incident.nodeId, incident.t);
        }
        this.incidents.emit(incident);
        this.publish({ ...this.state, incidents: [...run.incidents.values()] });
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
    this.logs.emit(entry);
  }

  private publish(status: RunStatus): void {
    this.state = status;
    this.statuses.emit(status);
  }
}
