import type { RunControl } from '../../shared/api/contract';
import {
  describeInvalid,
  runnerMessageSchema,
  type RunOptions,
  type RunnerMessage,
} from './protocol';
import type { RunnerProcess, SpawnRunner } from './spawn';
import type { StopResult } from './runner';

type Event<T extends RunnerMessage['type']> = Extract<RunnerMessage, { type: T }>;

export interface RunnerEvents {
  snapshot(message: Event<'snapshot'>): void;
  log(message: Event<'log'>): void;
  redis(message: Event<'redis'>): void;
  incident(message: Event<'incident'>): void;
  /** The process ended without being asked to (crash, kill, fatal error). */
  exit(reason: string): void;
}

export interface StartRunner {
  runId: string;
  runPrefix: string;
  redisUrl: string;
  document: unknown;
  options: RunOptions;
}

/**
 * The host's handle on one runner process: starts it, sends controls and waits for their
 * replies, stops it, and reports its snapshots, logs and death. Every message from the runner is
 * validated; a bad one is reported as a log line and dropped.
 */
export class RunnerClient {
  private readonly process: RunnerProcess;
  private nextRequest = 1;
  private readonly pending = new Map<number, (message: RunnerMessage) => void>();
  private started: ((message: Event<'started'> | Event<'fatal'> | null) => void) | null = null;
  private ready: Promise<void>;
  private exited = false;
  private expectingExit = false;
  private lastFatal: string | null = null;

  constructor(
    spawn: SpawnRunner,
    private readonly events: RunnerEvents,
  ) {
    this.process = spawn();
    let markReady: () => void = () => {};
    this.ready = new Promise((r) => (markReady = r));
    this.process.onMessage((raw) => {
      const parsed = runnerMessageSchema.safeParse(raw);
      if (!parsed.success) {
        this.events.log({
          type: 'log',
          t: 0,
          level: 'error',
          message: `host ignored a malformed message from the runner: ${describeInvalid(parsed.error)}`,
        });
        return;
      }
      const message = parsed.data;
      switch (message.type) {
        case 'ready':
          return markReady();
        case 'started':
          return this.started?.(message);
        case 'fatal':
          this.lastFatal = message.message;
          return this.started?.(message);
        case 'snapshot':
          return this.events.snapshot(message);
        case 'log':
          return this.events.log(message);
        case 'redis':
          return this.events.redis(message);
        case 'incident':
          return this.events.incident(message);
        case 'reply':
        case 'stopped': {
          const resolve = this.pending.get(message.requestId);
          this.pending.delete(message.requestId);
          return resolve?.(message);
        }
      }
    });
    this.process.onExit((code, signal) => {
      this.exited = true;
      const reason =
        this.lastFatal ??
        (signal
          ? `the runner process was killed (${signal})`
          : `the runner process exited with code ${code}`);
      this.started?.(null);
      for (const resolve of this.pending.values()) {
        resolve({ type: 'reply', requestId: 0, error: reason });
      }
      this.pending.clear();
      if (!this.expectingExit) this.events.exit(reason);
    });
  }

  get pid(): number | undefined {
    return this.process.pid;
  }
  get alive(): boolean {
    return !this.exited;
  }

  /** Resolves with the run's full key prefix once queues and workers are up. */
  async start(
    init: StartRunner,
    timeoutMs = 30_000,
  ): Promise<{ prefix: string; startedAt: number }> {
    const outcome = new Promise<Event<'started'> | Event<'fatal'> | null>(
      (r) => (this.started = r),
    );
    await Promise.race([this.ready, outcome]);
    if (this.exited)
      throw new Error(this.lastFatal ?? 'the runner process exited before it was ready');
    this.process.send({ type: 'start', ...init });
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const result = await Promise.race([outcome, timer]);
    this.started = null;
    if (result === 'timeout') {
      this.kill();
      throw new Error(`the runner did not start within ${timeoutMs / 1000} s`);
    }
    if (result === null)
      throw new Error(this.lastFatal ?? 'the runner process exited while starting');
    if (result.type === 'fatal') {
      this.expectingExit = true;
      throw new Error(result.message);
    }
    return { prefix: result.prefix, startedAt: result.startedAt };
  }

  /** Applies a control in the runner; throws its error message. */
  async control(control: RunControl): Promise<void> {
    const reply = await this.request((requestId) => ({ type: 'control', requestId, control }));
    if (reply.type === 'reply' && reply.error !== null) throw new Error(reply.error);
  }

  async stop(drain: boolean, keepKeys: boolean, drainTimeoutMs: number): Promise<StopResult> {
    this.expectingExit = true;
    const reply = await this.request((requestId) => ({
      type: 'stop',
      requestId,
      drain,
      keepKeys,
      drainTimeoutMs,
    }));
    if (reply.type !== 'stopped')
      throw new Error(reply.type === 'reply' ? (reply.error ?? 'stop failed') : 'stop failed');
    return { summary: reply.summary, drained: reply.drained, keysRemoved: reply.keysRemoved };
  }

  kill(): void {
    this.expectingExit = true;
    if (!this.exited) this.process.kill('SIGKILL');
  }

  private request(
    build: (requestId: number) => Parameters<RunnerProcess['send']>[0],
  ): Promise<RunnerMessage> {
    if (this.exited) return Promise.reject(new Error('the runner process is not running'));
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.process.send(build(requestId));
    });
  }
}
