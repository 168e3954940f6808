import { spawn } from 'node:child_process';

/**
 * The guard: a tiny Node program that owns a managed redis-server. Node hosts (CLI, web mode) run
 * it with `node -e`, keeping a pipe to its stdin: when the host goes away for any reason — clean
 * exit, crash or SIGKILL — the OS closes that pipe, the guard sees end-of-file and stops Redis and
 * deletes its folder. The desktop app runs it as an Electron utility process (its binary may not
 * act as Node: the RunAsNode fuse is off), which hears "stop" on its parent port instead. A poll
 * of the host's pid backs both up. Plain CommonJS JavaScript, no imports from the project: it must
 * run anywhere.
 *
 * argv: [..., GUARD_MARKER, bin, dir, ...redisArgs]; env PIPEWRIGHT_PARENT_PID.
 */
export const GUARD_MARKER = 'pipewright-redis-guard';

export const GUARD_SOURCE = String.raw`
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [bin, dir, ...args] = process.argv.slice(process.argv.indexOf('${GUARD_MARKER}') + 1);
const parent = Number(process.env.PIPEWRIGHT_PARENT_PID);
const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
process.stdout.write('PIPEWRIGHT_REDIS_PID=' + child.pid + '\n');
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  try { child.kill('SIGTERM'); } catch {}
  setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, 3000).unref();
}
function cleanup() { try { rmSync(dir, { recursive: true, force: true }); } catch {} }
child.on('error', (error) => {
  process.stderr.write('could not start ' + bin + ': ' + error.message + '\n');
  cleanup();
  process.exit(127);
});
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code === null ? (stopping ? 0 : 1) : code);
});
if (process.parentPort) {
  // An Electron utility process: the host asks by message, and its going away ends the port.
  process.parentPort.on('message', (event) => { if (event.data === 'stop') stop(); });
} else {
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.on('error', stop);
  process.stdin.resume();
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
setInterval(() => {
  try { process.kill(parent, 0); } catch (error) { if (error.code !== 'EPERM') stop(); }
}, 1000);
`;

/** A running guard, whichever way it was started. */
export interface GuardHandle {
  readonly pid: number | undefined;
  /** Its stdout and stderr (the Redis pid line, Redis's own output). */
  onOutput(listener: (chunk: Buffer) => void): void;
  onExit(listener: () => void): void;
  onError(listener: (error: Error) => void): void;
  /** Asks it to stop Redis and exit (end of stdin, or a message). */
  requestStop(): void;
  /** Ends it (SIGKILL only when asking did not work). */
  kill(signal: 'SIGTERM' | 'SIGKILL'): void;
  /** It watches this process, not the other way round: it must not keep it alive. */
  unref(): void;
}

/** A child process of either kind (Node's or Electron's utility process), as far as a guard needs. */
interface GuardChild {
  readonly pid?: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  once(event: 'exit', listener: () => void): unknown;
}

/** A GuardHandle: the parts that are the same for every kind of child, and `control`. */
export function guardHandle(
  child: GuardChild,
  control: Omit<GuardHandle, 'pid' | 'onOutput' | 'onExit'>,
): GuardHandle {
  return {
    ...control,
    // A getter: a utility process has its pid only once it has started.
    get pid() {
      return child.pid;
    },
    onOutput: (listener) => {
      child.stdout?.on('data', listener);
      child.stderr?.on('data', listener);
    },
    onExit: (listener) => void child.once('exit', () => listener()),
  };
}

/** Starts a guard for `redis-server` `bin` in `dir` with `args`. */
export type GuardSpawner = (bin: string, dir: string, args: string[]) => GuardHandle;

/** A plain Node child process: the host's own Node (the CLI and web mode run on Node). */
export const nodeGuardSpawner: GuardSpawner = (bin, dir, args) => {
  const child = spawn(process.execPath, ['-e', GUARD_SOURCE, GUARD_MARKER, bin, dir, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, PIPEWRIGHT_PARENT_PID: String(process.pid) },
    windowsHide: true,
  });
  return guardHandle(child, {
    onError: (listener) => void child.once('error', listener),
    requestStop: () => void child.stdin?.end(),
    kill: (signal) => void child.kill(signal),
    unref: () => {
      child.unref();
      for (const stream of [child.stdin, child.stdout, child.stderr]) {
        (stream as unknown as { unref?: () => void } | null)?.unref?.();
      }
    },
  });
};

let guardSpawner: GuardSpawner = nodeGuardSpawner;

/** The desktop app starts guards as utility processes (see main/electron/redis-guard.ts). */
export function setGuardSpawner(spawner: GuardSpawner): void {
  guardSpawner = spawner;
}

export const spawnGuard: GuardSpawner = (bin, dir, args) => guardSpawner(bin, dir, args);
