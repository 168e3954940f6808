import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { utilityProcess } from 'electron';
import { GUARD_MARKER, GUARD_SOURCE, guardHandle, type GuardSpawner } from '../redis/guard';

/**
 * The managed Redis's guard as an Electron utility process. The packaged app's binary cannot run
 * as plain Node (the RunAsNode fuse is off, electron-builder.yml), so the guard's source goes into
 * the Redis folder as a script and runs on Electron's own Node, sandboxed from the window. It is
 * asked to stop by a message (it has no stdin); a kill is the last resort, since a killed guard
 * cannot stop its redis-server.
 */
export const electronGuardSpawner: GuardSpawner = (bin, dir, args) => {
  const script = join(dir, 'pipewright-guard.cjs');
  writeFileSync(script, GUARD_SOURCE, { mode: 0o600 });
  const child = utilityProcess.fork(script, [GUARD_MARKER, bin, dir, ...args], {
    serviceName: 'Pipewright Redis guard',
    stdio: 'pipe',
    env: { ...process.env, PIPEWRIGHT_PARENT_PID: String(process.pid) },
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const requestStop = () => {
    if (!exited) child.postMessage('stop');
  };
  return guardHandle(child, {
    onError: (listener) =>
      void child.once('error', (type: string, location: string) =>
        listener(new Error(`the Redis guard failed (${type} at ${location})`)),
      ),
    requestStop,
    kill: (signal) => (signal === 'SIGKILL' ? void child.kill() : requestStop()),
    // A utility process does not keep the app running; the app stops it on quit.
    unref: () => undefined,
  });
};
