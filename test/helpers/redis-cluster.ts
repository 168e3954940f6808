import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, pingRedis } from './redis-server';

const run = promisify(execFile);
const cli = async (port: number, ...args: string[]) =>
  (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();

/** One redis-server started with cluster mode on, its config file in `dir`. */
function spawnNode(dir: string, port: number, extra: string[] = []): ChildProcess {
  return spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`],
      ...extra,
    ],
    { stdio: 'ignore' },
  );
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/** Polls `ok` every 100 ms; fails with `what` at `deadline`. */
async function waitFor(what: string, deadline: number, ok: () => Promise<boolean>) {
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`test cluster: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const clusterOk = async (port: number) =>
  /cluster_state:ok/.test(await cli(port, 'cluster', 'info'));

/**
 * A real two-master Redis Cluster on loopback: `owner` serves all 16,384 hash slots, `empty` is a
 * master of the same cluster that serves none, so it answers every key command with MOVED — the
 * state of a master that does not own a run's slot, whatever slot the run's random id hashes to.
 */
export interface TestCluster {
  owner: { port: number; url: string };
  empty: { port: number; url: string };
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-test-cluster-'));
  const ports = [await freePort(), await freePort()];
  const children = ports.map((port) => spawnNode(dir, port));
  const stop = async () => {
    await Promise.all(children.map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  const [owner, empty] = ports as [number, number];
  try {
    const deadline = Date.now() + 20_000;
    for (const port of ports)
      await waitFor(`node ${port} did not answer within 20 s`, deadline, () =>
        pingRedis('127.0.0.1', port),
      );
    await cli(owner, 'cluster', 'addslotsrange', '0', '16383');
    await cli(empty, 'cluster', 'meet', '127.0.0.1', String(owner));
    for (const port of ports) {
      await waitFor(`node ${port} did not reach cluster_state:ok within 20 s`, deadline, () =>
        clusterOk(port),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const at = (port: number) => ({ port, url: `redis://127.0.0.1:${port}` });
  return { owner: at(owner), empty: at(empty), stop };
}

/**
 * A real Redis Cluster of `masters` masters (no replicas) on loopback ports, made the way an
 * operator makes one: `redis-server --cluster-enabled yes` per node, then
 * `redis-cli --cluster create … --cluster-yes`, which spreads the 16,384 slots over them.
 */
export interface LocalCluster {
  /** Any node's URL: a cluster client discovers the others from it. */
  url: string;
  masters: { port: number; url: string }[];
  /** The port of the master that owns `key`'s hash slot. */
  ownerOf(key: string): Promise<number>;
  /** Kills one master at once (SIGKILL), as a crash would. */
  kill(port: number): Promise<void>;
  /** Starts a killed master again on its port; it rejoins with its slots (its keys are gone). */
  restart(port: number): Promise<void>;
  stop(): Promise<void>;
}

/** How long a master may be silent before the others mark it failed (Redis's default is 15 s). */
const NODE_TIMEOUT_MS = 2000;

export async function startLocalCluster(masters = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-test-cluster3-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const extra = ['--cluster-node-timeout', String(NODE_TIMEOUT_MS)];
  const children = new Map(ports.map((port) => [port, spawnNode(dir, port, extra)]));
  const stop = async () => {
    await Promise.all([...children.values()].map((child) => stopChild(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  const allOk = async (deadline: number) => {
    for (const port of children.keys()) {
      await waitFor(`node ${port} did not reach cluster_state:ok`, deadline, () => clusterOk(port));
    }
  };
  try {
    const deadline = Date.now() + 30_000;
    for (const port of ports)
      await waitFor(`node ${port} did not answer within 30 s`, deadline, () =>
        pingRedis('127.0.0.1', port),
      );
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-yes',
    ]);
    await allOk(deadline);
  } catch (error) {
    await stop();
    throw error;
  }
  const at = (port: number) => ({ port, url: `redis://127.0.0.1:${port}` });
  return {
    url: at(ports[0]!).url,
    masters: ports.map(at),
    async ownerOf(key) {
      const slot = Number(await cli(ports[0]!, 'cluster', 'keyslot', key));
      const slots = (await run('redis-cli', ['-p', String(ports[0]), '--json', 'cluster', 'slots']))
        .stdout;
      const ranges = JSON.parse(slots) as Array<[number, number, [string, number]]>;
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`test cluster: no master owns slot ${slot}`);
      return range[2][1];
    },
    async kill(port) {
      await stopChild(children.get(port)!, 'SIGKILL');
    },
    async restart(port) {
      children.set(port, spawnNode(dir, port, extra));
      const deadline = Date.now() + 30_000;
      await waitFor(`node ${port} did not come back`, deadline, () => pingRedis('127.0.0.1', port));
      await allOk(deadline);
    },
    stop,
  };
}

/** The URLs of a cluster's masters, read from any node (CLUSTER SLOTS). */
export async function clusterMasterUrls(url: string): Promise<string[]> {
  const port = new URL(url).port;
  const slots = (await run('redis-cli', ['-p', port, '--json', 'cluster', 'slots'])).stdout;
  const ranges = JSON.parse(slots) as Array<[number, number, [string, number]]>;
  const ports = new Set(ranges.map((r) => r[2][1]));
  return [...ports].sort().map((p) => `redis://127.0.0.1:${p}`);
}
