import type {
  MonitorInfo,
  MonitorQueueFigures,
  MonitorSnapshot,
  MonitorTarget,
} from '../../../shared/api/contract';
import { emptyLatency } from '../../../shared/metrics';
import { oldestWaiting, readQueueCounts } from '../../redis/bullmq-counts';
import { countWorkers, discoverQueues, readQueueEvents, streamIdNow } from '../../redis/discover';
import { connectClient, openRedis, type RedisClient } from '../../redis/client';
import { readLoad } from '../../redis/load';
import { probeRedis, redactUrl } from '../../redis/probe';

export interface MonitorServiceOptions {
  /** URL used when a request names none (settings). */
  defaultUrl?: () => string | undefined | Promise<string | undefined>;
  intervalMs?: number;
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

  constructor(private readonly options: MonitorServiceOptions = {}) {}

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
      if (this.watch === watch) for (const listener of this.listeners) listener(snapshot);
    } catch {
      // A lost connection shows as missing snapshots; ioredis reconnects by itself.
    } finally {
      this.ticking = false;
    }
  }
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
