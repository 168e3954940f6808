import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { spawnGuard } from './guard';
import { probeRedis, type RedisProbe } from './probe';

/** A redis-server this process started; it stops with `stop()` or when this process dies. */
export interface ManagedRedis {
  url: string;
  port: number;
  /** Folder it runs in (deleted when it stops). */
  dir: string;
  /** Pid of redis-server itself (the guard owns it). */
  redisPid: number;
  guardPid: number;
  probe: RedisProbe;
  stop(): Promise<void>;
}

export interface ManagedRedisOptions {
  /** Executable name or path; default `redis-server` from PATH. */
  binary?: string;
  /** Extra redis-server arguments, e.g. `['--appendonly', 'yes']`. */
  extraArgs?: string[];
  /** Use this port instead of a free one (restarting a server on the same port). */
  port?: number;
  /** Use this folder (it is still deleted on stop). */
  dir?: string;
  startTimeoutMs?: number;
}

export class RedisNotInstalledError extends Error {
  constructor(binary: string) {
    super(`${binary} was not found on PATH`);
    this.name = 'RedisNotInstalledError';
  }
}

/** Full path of an executable on PATH, or null (PATHEXT is honoured on Windows). */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (name.includes('/') || name.includes('\\')) return canRun(name) ? name : null;
  const exts = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (canRun(candidate)) return candidate;
    }
  }
  return null;
}

function canRun(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts redis-server on a free loopback port in a temporary folder, under a guard process that
 * stops it when this process exits or is killed (see guard.ts). Persistence is off unless
 * `extraArgs` turn it on. Throws RedisNotInstalledError when there is no redis-server.
 */
export async function startManagedRedis(options: ManagedRedisOptions = {}): Promise<ManagedRedis> {
  const binary = findOnPath(options.binary ?? 'redis-server');
  if (!binary) throw new RedisNotInstalledError(options.binary ?? 'redis-server');
  let lastError: Error | undefined;
  // A port found free can be taken before redis binds it: try a few.
  for (let attempt = 0; attempt < (options.port ? 1 : 3); attempt++) {
    const port = options.port ?? (await freeLoopbackPort());
    try {
      return await startOnce(binary, port, options);
    } catch (error) {
      lastError = error as Error;
    }
  }
  throw lastError ?? new Error('redis-server did not start');
}

async function startOnce(
  binary: string,
  port: number,
  options: ManagedRedisOptions,
): Promise<ManagedRedis> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pipewright-redis-'));
  const args = [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no'],
    ...['--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'],
    ...(options.extraArgs ?? []),
  ];
  const guard = spawnGuard(binary, dir, args);
  let output = '';
  let redisPid = 0;
  guard.onOutput((chunk) => {
    output = (output + chunk.toString()).slice(-4000);
    const pid = /PIPEWRIGHT_REDIS_PID=(\d+)/.exec(output);
    if (pid && !redisPid) redisPid = Number(pid[1]);
  });
  let exited = false;
  const exit = new Promise<void>((resolveExit) =>
    guard.onExit(() => {
      exited = true;
      resolveExit();
    }),
  );
  guard.onError((error) => (output = `${output}${error.message}\n`.slice(-4000)));

  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 10_000);
  while (!exited && Date.now() < deadline) {
    const probe = await probeRedis(url, 500);
    if (probe.ok) {
      guard.unref();
      let stopping: Promise<void> | undefined;
      return {
        url,
        port,
        dir,
        redisPid,
        guardPid: guard.pid ?? 0,
        probe: probe.probe,
        stop: () =>
          (stopping ??= (async () => {
            if (!exited) {
              guard.requestStop();
              guard.kill('SIGTERM');
              const timeout = setTimeout(() => guard.kill('SIGKILL'), 5000);
              await exit;
              clearTimeout(timeout);
            }
            rmSync(dir, { recursive: true, force: true });
          })()),
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!exited) {
    guard.kill('SIGTERM');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 3000))]);
  }
  rmSync(dir, { recursive: true, force: true });
  const tail = output
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('PIPEWRIGHT_REDIS_PID'))
    .slice(-5)
    .join('\n');
  throw new Error(
    `redis-server did not start on port ${port}${tail ? `:\n${tail}` : ' (no output)'}`,
  );
}
