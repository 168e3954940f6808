import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type {
  RedisStatus,
  RunLogEntry,
  RunSnapshotEvent,
  RunStatus,
} from '../../../shared/api/contract';
import type { PipelineDocument } from '../../../shared/document';
import { emptyLatency, type RunSnapshot } from '../../../shared/metrics';
import { RunService, type RunServiceOptions } from '../../../main/services/runs/service';
import { RedisService } from '../../../main/services/runs/redis';

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The first event `subscribe` delivers that passes `test`, with the wall time it was delivered.
 * It waits on the event itself, with no time limit of its own (the test's timeout is the guard):
 * subscribe before causing the event. A promise with a time in it is checked against `at`.
 */
export function nextEvent<T>(
  subscribe: (listener: (event: T) => void) => () => void,
  test: (event: T) => boolean = () => true,
): Promise<{ event: T; at: number }> {
  return new Promise((resolve) => {
    const off = subscribe((event) => {
      if (!test(event)) return;
      off();
      resolve({ event, at: Date.now() });
    });
  });
}

/** Writes Redis has applied since it started (INFO persistence: rdb_changes_since_last_save). */
export async function writesSoFar(client: Redis): Promise<number> {
  const info = await client.info('persistence');
  return Number(/rdb_changes_since_last_save:(\d+)/.exec(info)![1]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
/** A document-level key prefix unique to this test, so runs never share keys. */
export const freshPrefix = () => `pwtest${process.pid}x${Date.now().toString(36)}x${counter++}`;

type NodeSpec = Record<string, unknown>;
const at = { x: 0, y: 0 };
export const producer = (id: string, config: NodeSpec) => ({
  id,
  kind: 'producer' as const,
  name: id,
  position: at,
  config: { jobName: `${id}-job`, ...config },
});
export const queue = (id: string, config: NodeSpec = {}, name = id) => ({
  id,
  kind: 'queue' as const,
  name,
  position: at,
  config,
});
export const worker = (id: string, config: NodeSpec) => ({
  id,
  kind: 'worker' as const,
  name: id,
  position: at,
  config: { concurrency: 4, replicas: 1, service: { type: 'fixed', ms: 5 }, ...config },
});
export const edge = (from: string, to: string, extra: NodeSpec = {}) => ({
  id: `${from}->${to}`,
  from,
  to,
  ...extra,
});

export function pipeline(
  name: string,
  nodes: unknown[],
  edges: unknown[],
  prefix = freshPrefix(),
): PipelineDocument {
  return {
    format: 'pipewright/v1',
    name,
    settings: { prefix },
    nodes,
    edges,
  } as PipelineDocument;
}

/** producer → queue → worker, the smallest pipeline that runs. */
export function simplePipeline(
  options: { rate?: number; worker?: NodeSpec; queue?: NodeSpec } = {},
): PipelineDocument {
  return pipeline(
    'simple',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: options.rate ?? 50 } }),
      queue('q', options.queue ?? {}),
      worker('w', options.worker ?? {}),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );
}

/** A RunService on a given Redis, recording every event it emits. */
export function recordingService(redisUrl: string, options: Partial<RunServiceOptions> = {}) {
  const redis = new RedisService({ defaultUrl: () => redisUrl, allowStart: false });
  const service = new RunService({ redis, ...options });
  const snapshots: RunSnapshotEvent[] = [];
  const logs: RunLogEntry[] = [];
  const statuses: RunStatus[] = [];
  service.onSnapshot((s) => snapshots.push(s));
  service.onLog((l) => logs.push(l));
  service.onStatus((s) => statuses.push(s));
  const none: RunSnapshot = { t: 0, nodes: {}, edges: {}, endToEndMs: emptyLatency() };
  /** The latest snapshot (an empty one before the first arrives). */
  const last = () => snapshots.at(-1)?.snapshot ?? none;
  return {
    service,
    redis,
    snapshots,
    logs,
    statuses,
    last,
    /** The next run status that passes `test` (see `nextEvent`). */
    nextStatus: (test: (status: RunStatus) => boolean) =>
      nextEvent<RunStatus>((l) => service.onStatus(l), test),
    /** The next status-bar Redis status that passes `test`. */
    nextRedisStatus: (test: (status: RedisStatus) => boolean) =>
      nextEvent<RedisStatus>((l) => redis.onStatus(l), test),
    async close() {
      if (['running', 'starting', 'crashed'].includes(service.status().state)) {
        await service.stop().catch(() => undefined);
      }
      service.dispose();
      await redis.close();
    },
  };
}

/** Keys under a prefix, read with a short-lived client. */
export async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const client = new Redis(url);
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

/** A CLI io that records what a command prints, in a temporary cwd removed by `cleanups`. */
export function captureCli(cleanups: Array<() => Promise<unknown>>) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'pw-cli-'));
  cleanups.push(async () => rmSync(cwd, { recursive: true, force: true }));
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd },
    out,
    err,
  };
}
