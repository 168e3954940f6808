import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { probeRedis } from '../../main/redis/probe';
import { startManagedRedis } from '../../main/redis/managed';
import { RunnerClient } from '../../main/runner/client';
import { DEFAULT_RUN_OPTIONS } from '../../main/runner/protocol';
import { spawnNodeRunner } from '../../main/runner/spawn';
import type { PipelineDocument } from '../../shared/document';
import type { RunSnapshot, RunSummary } from '../../shared/metrics';

/** Redis for a benchmark: REDIS_URL when it answers, otherwise a managed redis-server. */
export async function benchRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  const given = process.env.REDIS_URL;
  if (given && (await probeRedis(given)).ok) return { url: given, stop: async () => {} };
  const managed = await startManagedRedis();
  return { url: managed.url, stop: () => managed.stop() };
}

export const tsxLoader = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Resident memory of a process in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/** CPU time (user + system, ms) a process has used so far (Linux /proc). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Resolves when `count(key)` reaches `target`; polls every 10 ms. */
export async function waitForCount(
  client: Redis,
  key: string,
  target: number,
  timeoutMs = 300_000,
) {
  const deadline = Date.now() + timeoutMs;
  while ((await client.zcard(key)) < target) {
    if (Date.now() > deadline) throw new Error(`${key} did not reach ${target}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts the runner process on a document; returns the client and the run's key prefix. */
export async function startRunner(
  url: string,
  document: PipelineDocument,
  runId: string,
  snapshotIntervalMs = DEFAULT_RUN_OPTIONS.snapshotIntervalMs,
  onSnapshot: (snapshot: RunSnapshot, heapUsedBytes: number) => void = () => {},
) {
  const client = new RunnerClient(spawnNodeRunner, {
    snapshot: (m) => onSnapshot(m.snapshot, m.memory.heapUsedBytes),
    log: (m) => {
      // Job failures are part of the workload; anything else at error level is worth seeing.
      if (m.level === 'error' && !/synthetic failure/.test(m.message)) {
        console.error(`  runner: ${m.message}`);
      }
    },
    redis: () => {},
    incident: (m) => console.error(`  runner: ${m.incident.message}`),
    exit: (reason) => console.error(`  runner exited: ${reason}`),
  });
  const { prefix } = await client.start({
    runId,
    runPrefix: runId,
    redisUrl: url,
    document,
    options: { ...DEFAULT_RUN_OPTIONS, snapshotIntervalMs },
  });
  return {
    client,
    prefix,
    pid: client.pid!,
    stop: (): Promise<{ summary: RunSummary }> => client.stop(false, false, 0),
  };
}

/** Runs the plain BullMQ baseline in its own process: jobs/s and its CPU µs per job. */
export async function plainBullmq(url: string, prefix: string, jobs: number, concurrency: number) {
  const redis = new Redis(url);
  const child = spawn(
    process.execPath,
    [
      '--import',
      tsxLoader(),
      new URL('./runner-plain-bullmq.ts', import.meta.url).pathname,
      url,
      prefix,
      String(jobs),
      String(concurrency),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) =>
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('started') && resolve()),
  );
  const t0 = performance.now();
  const cpu0 = cpuMs(child.pid!);
  await waitForCount(redis, `${prefix}:bench:completed`, jobs);
  const seconds = (performance.now() - t0) / 1000;
  const cpuUsPerJob = ((cpuMs(child.pid!) - cpu0) * 1000) / jobs;
  child.stdin!.write('stop\n');
  await new Promise((r) => child.once('exit', r));
  await deleteAll(redis, prefix);
  redis.disconnect();
  return { jobsPerSec: jobs / seconds, cpuUsPerJob };
}

export async function deleteAll(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.unlink(...keys);
  } while (cursor !== '0');
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
