import { basename } from 'node:path';
import {
  ApiError,
  type EventPayloads,
  type RunReportFile,
  type RunRequestChannel,
  type ValidRequestOf,
  type ResponseOf,
} from '../../../shared/api/contract';
import { writeFileAtomic } from '../atomic-write';
import { resolveUserPath } from '../paths';
import { JobsService } from '../jobs';
import { renderRunReportHtml } from './report-html';
import { runQueueLocation, monitorQueueLocation } from '../jobs-sources';
import { RunService } from './service';
import { MonitorService } from './monitor';
import { cleanOrphan, listOrphans } from './orphans';
import { RedisService } from './redis';
import type { SpawnRunner } from '../../runner/spawn';

export type RunHandlers = {
  [C in RunRequestChannel]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface RunServicesOptions {
  /** The Redis URL from settings, tried first. */
  redisUrl?: () => string | undefined | Promise<string | undefined>;
  /** Electron passes its utilityProcess spawner; Node hosts use the default fork. */
  spawnRunner?: SpawnRunner;
  /**
   * Where a report path the page sends really leads, or a `forbidden` ApiError when the page may
   * not write there (see path-confinement.ts); without it, any absolute path (tests only).
   */
  confine?: (path: string) => Promise<string>;
  /** Sends host → renderer events. */
  emit<E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]): void;
}

export interface RunServices {
  runs: RunService;
  redis: RedisService;
  monitor: MonitorService;
  /** The run request channels, ready to spread into a host's handler table. */
  handlers: RunHandlers;
  /** Stops a run, the monitor and a managed Redis (host shutting down). */
  close(): Promise<void>;
}

/** The run, Redis and monitor services wired to the API contract's channels and events. */
export function createRunServices(options: RunServicesOptions): RunServices {
  const redis = new RedisService({ defaultUrl: options.redisUrl });
  const runs = new RunService({
    redis,
    ...(options.spawnRunner ? { spawn: options.spawnRunner } : {}),
  });
  const monitor = new MonitorService({ defaultUrl: options.redisUrl });
  const jobs = new JobsService({
    runQueue: (queueId) => runQueueLocation(runs, queueId),
    monitorQueue: (name) => monitorQueueLocation(monitor, name),
  });
  redis.onStatus((status) => options.emit('redis:status', status));
  runs.onSnapshot((event) => options.emit('run:snapshot', event));
  runs.onLog((entry) => options.emit('run:log', entry));
  runs.onStatus((status) => options.emit('run:status', status));
  monitor.onSnapshot((snapshot) => options.emit('monitor:snapshot', snapshot));

  const monitorCall = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError({ code: 'io', message: (error as Error).message });
    }
  };

  /** The prefix of the app's own run while it may still use its keys. */
  const liveRunPrefix = () =>
    ['starting', 'running', 'stopping', 'crashed'].includes(runs.status().state)
      ? (runs.current?.prefix ?? null)
      : null;

  const handlers: RunHandlers = {
    'run:start': (request) => runs.start(request),
    'run:stop': (request) => runs.stop(request),
    'run:control': async (control) => {
      await runs.control(control);
      return { ok: true };
    },
    'run:restart': () => runs.restart(),
    'run:current': async () => runs.status(),
    'run:report': async ({ format, path }) => {
      // Where it may go is settled before anything is built or written.
      const target = path === undefined ? null : await reportTarget(path, format);
      const report = runs.report();
      const content =
        format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderRunReportHtml(report);
      const fileName = `${report.runId}-report.${format}`;
      const file: RunReportFile = {
        format,
        fileName,
        mimeType: format === 'json' ? 'application/json' : 'text/html',
        bytes: Buffer.byteLength(content),
        path: null,
        content,
      };
      if (target === null) return file;
      await writeFileAtomic(target, content);
      return { ...file, fileName: basename(target), path: target, content: null };
    },
    'run:lastReport': async () => runs.report(),
    'run:orphans': async () => listOrphans((await redis.ensure()).url, liveRunPrefix()),
    'run:clean': async ({ prefix }) =>
      cleanOrphan((await redis.ensure()).url, prefix, liveRunPrefix()),
    'redis:status': async () => {
      await redis.ensure().catch(() => undefined);
      return redis.status();
    },
    'monitor:discover': (target) => monitorCall(() => monitor.discover(target)),
    'monitor:start': (target) => monitorCall(() => monitor.start(target)),
    'monitor:stop': async () => {
      await monitor.stop();
      return { ok: true };
    },
    'jobs:list': (request) => jobs.list(request),
    'jobs:act': async (request) => {
      await jobs.act(request);
      return { ok: true };
    },
  };

  /** A report file the page named: only a .html/.json file, and only where it may write. */
  async function reportTarget(path: string, format: 'json' | 'html'): Promise<string> {
    // Checked first, so nothing but a report file can be written (never a .bashrc).
    if (!path.toLowerCase().endsWith(`.${format}`)) {
      throw new ApiError({
        code: 'invalid-request',
        message: `a ${format.toUpperCase()} report's file name must end with .${format}, got "${basename(path)}"`,
      });
    }
    const target = options.confine ? await options.confine(path) : resolveUserPath(path);
    if (!target) {
      throw new ApiError({
        code: 'invalid-request',
        message: `report path must be absolute (or start with ~/), got "${basename(path)}"`,
      });
    }
    return target;
  }

  return {
    runs,
    redis,
    monitor,
    handlers,
    async close() {
      if (['running', 'starting', 'crashed'].includes(runs.status().state)) {
        await runs.stop().catch(() => undefined);
      }
      runs.dispose();
      await monitor.close();
      await redis.close();
    },
  };
}
