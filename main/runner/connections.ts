import { mastersOf, type RedisClient } from '../redis/client';
import { parseInfo } from '../redis/info';
import { redactUrl } from '../redis/probe';
import type { RunPlan } from './plan';
import { formatCount } from '../../shared/metrics/format';

/**
 * How many Redis connections a run opens, and whether the Redis and this machine can take them.
 *
 * The runner shares what BullMQ lets it share: every Queue (and so every producer and every
 * forwarded job) and the FlowProducer of a run with flows (flows.ts) use the runner's one client; the replicas of a worker share one connection for
 * their regular commands; but each BullMQ Worker duplicates a dedicated connection for its
 * blocking fetch (BZPOPMIN), so every replica costs one connection of its own.
 */
export interface ConnectionNeed {
  total: number;
  /** Human-readable parts of the total, largest first. */
  parts: string[];
  /** Replicas per worker, largest first: what to reduce. */
  workers: { name: string; replicas: number }[];
}

/**
 * One process holding thousands of BullMQ Workers spends seconds and gigabytes setting them up
 * (2 GB at ~26,000); a real deployment spreads them over many processes. Above this, the run is
 * refused whatever Redis allows: model the same capacity with fewer replicas and more concurrency.
 */
export const MAX_RUN_CONNECTIONS = 2000;

/**
 * Connections Redis should keep free for everyone else (the app's monitor, redis-cli, the user's
 * own services): a run never takes the last of them.
 */
export const RESERVED_CLIENTS = 32;

export function connectionsNeeded(plan: RunPlan): ConnectionNeed {
  const workers = [...plan.workers.values()]
    .map((w) => ({ name: w.node.name, replicas: peakReplicas(plan, w.node.id) }))
    .sort((a, b) => b.replicas - a.replicas);
  const replicas = workers.reduce((sum, w) => sum + w.replicas, 0);
  const parts = [
    `${formatCount(replicas)} blocking connections, one per worker replica (${workers
      .slice(0, 3)
      .map((w) => `"${w.name}" ${formatCount(w.replicas)}`)
      .join(', ')}${workers.length > 3 ? ', …' : ''})`,
    `${formatCount(workers.length)} shared by each worker's replicas for their commands`,
    [...plan.workers.values()].some((w) => w.fanOut)
      ? '1 shared by the queues, producers and the flow producer'
      : '1 shared by the queues and producers',
  ];
  if (workers.length === 0) parts.splice(0, 2);
  return { total: 1 + workers.length + replicas, parts, workers };
}

/**
 * The most replicas a worker may have alive in a run: its design, what its autoscaler may scale
 * it to, and what its scenario's events set (docs/architecture.md "Scenarios").
 */
export function peakReplicas(plan: RunPlan, workerId: string): number {
  const config = plan.workers.get(workerId)!.node.config;
  let peak = Math.max(config.replicas, config.autoscale?.maxReplicas ?? 0);
  for (const e of plan.doc.scenario?.events ?? []) {
    if (e.nodeId === workerId && e.change.type === 'replicas')
      peak = Math.max(peak, e.change.replicas);
  }
  return peak;
}

/** `maxclients` and `connected_clients` of one server; null where it does not say. */
async function readServerLimits(
  client: RedisClient,
): Promise<{ maxClients: number | null; connected: number | null }> {
  const info = parseInfo(await client.info('clients'));
  const number = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
  let maxClients = number(info.maxclients);
  if (maxClients === null) {
    // INFO has `maxclients` from Redis 7; older servers only say it through CONFIG, which a
    // managed Redis may rename or forbid: then the limit stays unknown and only ours applies.
    try {
      const reply = (await client.config('GET', 'maxclients')) as string[];
      maxClients = number(reply[1]);
    } catch {
      maxClients = null;
    }
  }
  return { maxClients, connected: number(info.connected_clients) };
}

/**
 * The client limits of the Redis a run uses. On a cluster each master is its own server with its
 * own `maxclients`, and an ioredis Cluster client may open a connection to every master (it sends
 * each command to the slot's owner and refreshes slots from any node): the run's need is checked
 * against the master with the least room.
 */
export async function readClientLimits(
  client: RedisClient,
): Promise<{ maxClients: number | null; connected: number | null }> {
  const all = await Promise.all(mastersOf(client).map(readServerLimits));
  const room = (l: (typeof all)[number]) =>
    l.maxClients === null ? Infinity : l.maxClients - (l.connected ?? 0);
  return all.reduce((tightest, l) => (room(l) < room(tightest) ? l : tightest));
}

/** Why the run cannot open its connections, or null when it can. */
export function connectionProblem(
  need: ConnectionNeed,
  limits: { maxClients: number | null; connected: number | null },
  redisUrl: string,
): string | null {
  const what = `this run needs ${formatCount(need.total)} Redis connections: ${need.parts.join('; ')}`;
  const top = need.workers[0];
  const fewer = top
    ? ` Model the same capacity with fewer replicas and a higher concurrency (worker "${top.name}" ` +
      `has ${formatCount(top.replicas)} replicas; replicas × concurrency is what counts).`
    : '';
  if (need.total > MAX_RUN_CONNECTIONS) {
    return (
      `${what}. Pipewright runs at most ${formatCount(MAX_RUN_CONNECTIONS)} connections in one runner ` +
      `process (a deployment would spread that many workers over many processes).${fewer}`
    );
  }
  if (limits.maxClients === null) return null;
  const connected = limits.connected ?? 0;
  const free = Math.max(0, limits.maxClients - connected - RESERVED_CLIENTS);
  if (need.total <= free) return null;
  return (
    `${what}. Redis at ${redactUrl(redisUrl)} accepts ${formatCount(limits.maxClients)} clients (maxclients) and ` +
    `${formatCount(connected)} are connected; keeping ${RESERVED_CLIENTS} for other clients leaves ` +
    `${formatCount(free)}.${fewer} Or raise the limit: CONFIG SET maxclients ${formatCount(
      connected + need.total + RESERVED_CLIENTS,
    ).replace(/,/g, '')} (or "maxclients" in redis.conf; the OS open-files limit caps it too).`
  );
}
