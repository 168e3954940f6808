import type { Cluster, Redis } from 'ioredis';
import type {
  ObservedQueue,
  ObservedScheduler,
  ObservedWorker,
} from '../../../shared/calibration/observations';

type Client = Redis | Cluster;

/**
 * A queue's settings as BullMQ 6 keeps them, read-only: the `meta` hash (`paused`, global
 * `concurrency`, rate limit `max`/`duration`), the job schedulers (the `repeat` sorted set of
 * scheduler ids, each with a `repeat:<id>` hash: name, pattern or every, tz, limit) and the
 * workers (connections BullMQ names `<prefix>:<base64 queue name>` or `…:w:<worker name>`, as
 * `Queue.getWorkers` finds them in CLIENT LIST).
 */

export async function readQueueMeta(client: Client, base: string): Promise<ObservedQueue['meta']> {
  const [paused, concurrency, max, duration] = await client.hmget(
    `${base}meta`,
    'paused',
    'concurrency',
    'max',
    'duration',
  );
  const meta: ObservedQueue['meta'] = { paused: paused === '1' };
  const c = Number(concurrency);
  if (concurrency && Number.isFinite(c) && c > 0) meta.concurrency = c;
  const m = Number(max);
  const d = Number(duration);
  if (max && duration && m > 0 && d > 0) meta.rateLimit = { max: m, durationMs: d };
  return meta;
}

/** The queue's job schedulers (legacy repeatable keys, which BullMQ 6 refuses too, are skipped). */
export async function readSchedulers(
  client: Client,
  base: string,
  limit = 1000,
): Promise<ObservedScheduler[]> {
  const ids = await client.zrange(`${base}repeat`, 0, limit - 1);
  if (ids.length === 0) return [];
  const pipeline = client.pipeline();
  for (const id of ids) pipeline.hgetall(`${base}repeat:${id}`);
  const replies = (await pipeline.exec()) ?? [];
  const out: ObservedScheduler[] = [];
  replies.forEach(([error, hash], i) => {
    if (error) throw error;
    const h = hash as Record<string, string>;
    if (!h.name) return;
    const scheduler: ObservedScheduler = { key: ids[i]!, name: h.name };
    if (h.pattern) scheduler.pattern = h.pattern;
    if (h.every && Number(h.every) > 0) scheduler.everyMs = Number(h.every);
    if (h.tz) scheduler.tz = h.tz;
    if (h.limit && Number(h.limit) > 0) scheduler.limit = Number(h.limit);
    out.push(scheduler);
  });
  return out;
}

/** One CLIENT LIST line's fields. */
function clientFields(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const part of line.split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return fields;
}

/**
 * Workers per queue from the CLIENT LIST replies of every master. A Cluster worker has one
 * connection per master, all with the same name: a worker is counted once per (name, address
 * host) and master, keeping the master where it has the most connections.
 */
export function workersFromClientLists(
  lists: readonly string[],
  prefix: string,
  queues: readonly string[],
): Record<string, ObservedWorker[]> {
  const byBase = new Map(queues.map((q) => [`${prefix}:${Buffer.from(q).toString('base64')}`, q]));
  const best: Record<string, ObservedWorker[]> = Object.fromEntries(queues.map((q) => [q, []]));
  for (const list of lists) {
    const found: Record<string, ObservedWorker[]> = {};
    for (const line of list.split('\n')) {
      const f = clientFields(line.trim());
      const name = f.name;
      if (!name) continue;
      const base = name.includes(':w:') ? name.slice(0, name.indexOf(':w:')) : name;
      const queue = byBase.get(base);
      if (queue === undefined) continue;
      const worker: ObservedWorker = { name };
      if (f.addr) worker.addr = f.addr;
      if (f.age !== undefined && Number.isFinite(Number(f.age))) worker.ageSec = Number(f.age);
      (found[queue] ??= []).push(worker);
    }
    for (const [queue, workers] of Object.entries(found)) {
      if (workers.length > best[queue]!.length) best[queue] = workers;
    }
  }
  return best;
}

export async function readClientLists(masters: readonly Redis[]): Promise<string[]> {
  return Promise.all(masters.map(async (m) => (await m.client('LIST')) as string));
}
