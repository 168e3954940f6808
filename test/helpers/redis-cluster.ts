import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, pingRedis } from './redis-server';

const run = promisify(execFile);
const cli = async (port: number, ...args: string[]) =>
  (await run('redis-cli', ['-p', String(port), ...args])).stdout.trim();

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
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        ...[
          '--dir',
          dir,
          '--cluster-enabled',
          'yes',
          '--cluster-config-file',
          `nodes-${port}.conf`,
        ],
      ],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  const [owner, empty] = ports as [number, number];
  try {
    const deadline = Date.now() + 20_000;
    const wait = async (what: string, ok: () => Promise<boolean>) => {
      while (!(await ok())) {
        if (Date.now() > deadline) throw new Error(`test cluster: ${what} within 20 s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    for (const port of ports)
      await wait(`node ${port} did not answer`, () => pingRedis('127.0.0.1', port));
    await cli(owner, 'cluster', 'addslotsrange', '0', '16383');
    await cli(empty, 'cluster', 'meet', '127.0.0.1', String(owner));
    for (const port of ports) {
      await wait(`node ${port} did not reach cluster_state:ok`, async () =>
        /cluster_state:ok/.test(await cli(port, 'cluster', 'info')),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const at = (port: number) => ({ port, url: `redis://127.0.0.1:${port}` });
  return { owner: at(owner), empty: at(empty), stop };
}
