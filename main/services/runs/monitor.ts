import type {
  MonitorInfo,
  MonitorQueueFigures,
  MonitorSnapshot,
  MonitorTarget,
} from '../../../shared/api/contract';
import {
  calibrate,
  driftSinceImport,
  EMPTY_DRIFT_WATCH,
  trackDrift,
  type DriftWatch,
} from '../../../shared/calibration';
import { parseDocumentValue, type PipelineDocument } from '../../../shared/document';
import { emptyLatency } from '../../../shared/metrics';
import { oldestWaiting, readQueueCounts } from '../../redis/bullmq-counts';
import { countWorkers, discoverQueues, readQueueEvents, streamIdNow } from '../../redis/discover';
import { connectClient, openRedis, type RedisClient } from '../../redis/client';
import { readObservations } from '../../redis/import/read';
import { readLoad } from '../../redis/load';
import { probeRedis, redactUrl } from '../../redis/probe';

export interface MonitorServiceOptions {
  /** URL used when a request names none (settings). */
  defaultUrl?: () => string | undefined | Promise<string | undefined>;
  intervalMs?: number;
  /** The drift check of an imported document: how often and on how much it refits. */
  refit?: Partial<RefitOptions>;
}

export interface RefitOptions {
  /** Start a refit at most this often (ms); one runs at a time, beside the polls. */
  everyMs: number;
  /** The sliding window: jobs created this long ago at most (ms). */
  windowMs: number;
  /** Newest jobs read per queue and state (the reader's limit), which bounds a refit's cost. */
  limitPerQueue: number;
  /** Refits in a row that must find a figure moved before it is flagged. */
  confirmAfter: number;
}

export const DEFAULT_REFIT: RefitOptions = {
  everyMs: 15_000,
  windowMs: 5 * 60_000,
  limitPerQueue: 1_000,
  confirmAfter: 2,
};

/** What the last refit read and found, for diagnostics and tests. */
export interface RefitRecord {
  /** When it started (epoch ms) and how long reading and fitting took. */
  at: number;
  durationMs: number;
  jobs: number;
  /** Figures that moved in this refit alone (before `confirmAfter`). */
  found: number;
  flagged: number;
}

interface Calibrated {
  document: PipelineDocument;
  watch: DriftWatch;
  refitting: boolean;
  lastStart: number;
  refits: RefitRecord[];
}

interface Watch {
  client: RedisClient;
  url: string;
  prefix: string;
  queues: string[];
  lastIds: Map<string, string>;
  enqueued: Map<string, number>;
  workers: Record<string, number>;
  startedAt: number;
  lastTick: number;
  ticks: number;
  timer: NodeJS.Timeout;
  /** Set when the document watched was imported: its calibration is kept checked. */
  calibrated: Calibrated | null;
}

/**
 * Watches a Redis the app does not own — a real deployment — read-only: discovers the BullMQ
 * queues under a prefix and streams their counts and throughput as `monitor:snapshot` figures,
 * in the same shape as a run's queue figures.
 */
export class MonitorService {
  private watch: Watch | null = null;
  private readonly listeners = new Set<(snapshot: MonitorSnapshot) => void>();
  private ticking = false;

  private readonly refitOptions: RefitOptions;

  constructor(private readonly options: MonitorServiceOptions = {}) {
    this.refitOptions = { ...DEFAULT_REFIT, ...options.refit };
  }

  onSnapshot(listener: (snapshot: MonitorSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Lists the queues under a prefix without watching them. */
  async discover(target: MonitorTarget): Promise<MonitorInfo> {
    const { url, prefix } = await this.resolve(target);
    const client = await connect(url);
    try {
      return { url: redactUrl(url), prefix, queues: await discoverQueues(client, prefix) };
    } finally {
      client.disconnect();
    }
  }

  /** Starts watching (replacing any previous watch). */
  async start(target: MonitorTarget): Promise<MonitorInfo> {
    await this.stop();
    const { url, prefix } = await this.resolve(target);
    const document = calibratedDocument(target.document);
    const client = await connect(url);
    const queues = await discoverQueues(client, prefix);
    const now = streamIdNow();
    const watch: Watch = {
      client,
      url,
      prefix,
      queues,
      lastIds: new Map(queues.map((q) => [q, now])),
      enqueued: new Map(),
      workers: {},
      startedAt: Date.now(),
      lastTick: Date.now(),
      ticks: 0,
      calibrated: document
        ? { document, watch: EMPTY_DRIFT_WATCH, refitting: false, lastStart: 0, refits: [] }
        : null,
      timer: setInterval(() => void this.tick(watch), this.options.intervalMs ?? 250),
    };
    this.watch = watch;
    return { url: redactUrl(url), prefix, queues };
  }

  /** What is watched now (the URL with its password), for the queue browser; null when idle. */
  get watching(): { url: string; prefix: string; queues: readonly string[] } | null {
    const watch = this.watch;
    return watch ? { url: watch.url, prefix: watch.prefix, queues: watch.queues } : null;
  }

  /** The refits of the current watch, oldest first (the last 50); empty when nothing is checked. */
  get refits(): readonly RefitRecord[] {
    return this.watch?.calibrated?.refits ?? [];
  }

  async stop(): Promise<void> {
    const watch = this.watch;
    this.watch = null;
    if (!watch) return;
    clearInterval(watch.timer);
    watch.client.disconnect();
  }

  async close(): Promise<void> {
    await this.stop();
    this.listeners.clear();
  }

  private async resolve(target: MonitorTarget) {
    const url = target.redisUrl ?? (await this.options.defaultUrl?.()) ?? 'redis://127.0.0.1:6379';
    return { url, prefix: target.prefix ?? 'bull' };
  }

  private async tick(watch: Watch): Promise<void> {
    if (this.ticking || this.watch !== watch) return;
    this.ticking = true;
    try {
      // New queues appear in a live deployment: look again every few seconds.
      if (watch.ticks % 20 === 0) {
        const found = await discoverQueues(watch.client, watch.prefix);
        const now = streamIdNow();
        for (const q of found) if (!watch.lastIds.has(q)) watch.lastIds.set(q, now);
        watch.queues = found;
        watch.workers = await countWorkers(watch.client, watch.prefix, found);
      }
      watch.ticks++;
      const [counts, load, events] = await Promise.all([
        readQueueCounts(watch.client, watch.prefix, watch.queues),
        readLoad(watch.client),
        Promise.all(
          watch.queues.map((q) =>
            readQueueEvents(watch.client, watch.prefix, q, watch.lastIds.get(q) ?? streamIdNow()),
          ),
        ),
      ]);
      const now = Date.now();
      const calibrated = watch.calibrated;
      if (
        calibrated &&
        !calibrated.refitting &&
        now - calibrated.lastStart >= this.refitOptions.everyMs
      ) {
        void this.refit(watch, calibrated);
      }
      const seconds = Math.max(1e-3, (now - watch.lastTick) / 1000);
      watch.lastTick = now;
      const queues: Record<string, MonitorQueueFigures> = {};
      watch.queues.forEach((name, i) => {
        const c = counts[i]!;
        const e = events[i]!;
        watch.lastIds.set(name, e.lastId);
        const enqueued = (watch.enqueued.get(name) ?? 0) + e.added;
        watch.enqueued.set(name, enqueued);
        queues[name] = {
          kind: 'queue',
          name,
          waiting: c.waiting,
          active: c.active,
          delayed: c.delayed,
          completed: c.completed,
          failed: c.failed,
          enqueued,
          enqueuedPerSec: e.added / seconds,
          paused: c.paused,
          // A monitored Redis's jobs are not read one by one: no wait percentiles, but the age
          // of the oldest waiting job says how long the line is.
          waitMs: emptyLatency(),
          ...oldestWaiting(c, 0, now),
          throughputPerSec: e.completed / seconds,
          failedPerSec: e.failed / seconds,
          workers: watch.workers[name] ?? 0,
        };
      });
      const snapshot: MonitorSnapshot = {
        t: now - watch.startedAt,
        prefix: watch.prefix,
        queues,
        redis: {
          usedMemoryBytes: load.usedMemoryBytes,
          opsPerSec: load.opsPerSec,
          connectedClients: load.connectedClients,
        },
      };
      if (calibrated) snapshot.drift = calibrated.watch.flags;
      if (this.watch === watch) for (const listener of this.listeners) listener(snapshot);
    } catch {
      // A lost connection shows as missing snapshots; ioredis reconnects by itself.
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Reads the newest jobs of the sliding window (read-only, the import's reader, its own
   * connection) and fits them as an import would; the figures that moved beyond their interval
   * since the import go out with the snapshots that follow.
   */
  private async refit(watch: Watch, calibrated: Calibrated): Promise<void> {
    const { windowMs, limitPerQueue, confirmAfter } = this.refitOptions;
    const at = Date.now();
    calibrated.refitting = true;
    calibrated.lastStart = at;
    try {
      const observations = await readObservations({
        url: watch.url,
        prefix: watch.prefix,
        listenMs: 0,
        limitPerQueue,
        sinceMs: at - windowMs,
      });
      const { document } = await calibrate(observations, { layout: false });
      const found = driftSinceImport(calibrated.document, document);
      if (this.watch !== watch) return;
      calibrated.watch = trackDrift(calibrated.watch, found, confirmAfter);
      calibrated.refits.push({
        at,
        durationMs: Date.now() - at,
        jobs: observations.queues.reduce((n, q) => n + q.jobs.length, 0),
        found: found.length,
        flagged: calibrated.watch.flags.length,
      });
      if (calibrated.refits.length > 50) calibrated.refits.shift();
    } catch {
      // Redis away or the read refused: the last verdict stands until a refit succeeds.
    } finally {
      calibrated.refitting = false;
    }
  }
}

/** The monitored document when it is a valid pipeline with an import's calibration. */
function calibratedDocument(raw: unknown): PipelineDocument | null {
  if (raw === undefined) return null;
  const parsed = parseDocumentValue(raw);
  if (!parsed.ok) {
    throw new Error(
      `cannot check the calibration: the document is not valid (${parsed.errors[0]?.message ?? 'unknown error'})`,
    );
  }
  return parsed.document.calibration && parsed.document.calibration.fields.length > 0
    ? parsed.document
    : null;
}

async function connect(url: string): Promise<RedisClient> {
  const probe = await probeRedis(url);
  if (!probe.ok) throw new Error(`cannot monitor: ${probe.error}`);
  // A cluster node: watch the whole cluster, whose queues are spread over its masters.
  const client = openRedis(url, {
    cluster: probe.probe.mode === 'cluster',
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(100 * times, 1000),
  });
  client.on('error', () => {});
  try {
    // A cluster client knows its masters (for discovery) once its slots are read.
    await connectClient(client);
  } catch (error) {
    client.disconnect();
    throw new Error(`cannot monitor: ${redactUrl(url)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return client;
}
