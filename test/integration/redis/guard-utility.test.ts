import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { GUARD_MARKER, GUARD_SOURCE } from '../../../main/redis/guard';
import { findOnPath, freeLoopbackPort } from '../../../main/redis/managed';
import { probeRedis } from '../../../main/redis/probe';
import { alive, until } from '../../helpers/processes';

/**
 * The guard as the desktop app runs it — a utility process with a parent port and no stdin (the
 * RunAsNode fuse is off, so it cannot be `electron -e`) — run here on plain Node with a shim that
 * provides `process.parentPort`, against a real redis-server.
 */

const shim = join(import.meta.dirname, 'parent-port-shim.mjs');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startGuard(parentPid: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-guard-'));
  const script = join(dir, 'pipewright-guard.cjs');
  writeFileSync(script, GUARD_SOURCE);
  const port = await freeLoopbackPort();
  const bin = findOnPath('redis-server')!;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const guard = fork(script, [GUARD_MARKER, bin, dir, ...args], {
    execArgv: ['--import', pathToFileURL(shim).href],
    // No stdin, as in a utility process: only the parent port and the pid poll remain.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, PIPEWRIGHT_PARENT_PID: String(parentPid) },
  });
  children.push(guard);
  let out = '';
  guard.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await until(() => /PIPEWRIGHT_REDIS_PID=\d+/.test(out), 'the Redis pid');
  const redisPid = Number(/PIPEWRIGHT_REDIS_PID=(\d+)/.exec(out)![1]);
  const url = `redis://127.0.0.1:${port}`;
  await until(async () => (await probeRedis(url, 300)).ok, 'redis to answer');
  const exited = new Promise<number | null>((resolve) => guard.once('exit', resolve));
  return { guard, dir, redisPid, url, exited };
}

describe('the Redis guard as a utility process', () => {
  it('stops redis-server and removes its folder when asked on its parent port', async () => {
    const { guard, dir, redisPid, exited } = await startGuard(process.pid);
    expect(alive(redisPid)).toBe(true);
    guard.send('stop');
    expect(await exited).toBe(0);
    await until(() => !alive(redisPid), 'redis-server to stop');
    expect(existsSync(dir)).toBe(false);
  });

  it('stops redis-server when the app process it watches dies', async () => {
    const app = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    children.push(app);
    const { dir, redisPid, exited } = await startGuard(app.pid!);
    app.kill('SIGKILL');
    await exited;
    await until(() => !alive(redisPid), 'redis-server to stop');
    expect(existsSync(dir)).toBe(false);
  });
});
