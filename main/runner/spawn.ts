import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findAppRoot, runningFromSources } from '../app-root';
import type { HostMessage } from './protocol';

/**
 * How a host starts the runner process. Under Node it is `child_process.fork` of the bundled
 * `out/main/runner.js`, or of the TypeScript entry through tsx when the host itself runs from the
 * sources (tests, an unbuilt checkout); the Electron shell implements the same interface with
 * `utilityProcess.fork` of the bundled `runner.js`.
 */
export interface RunnerProcess {
  readonly pid: number | undefined;
  send(message: HostMessage): void;
  /** Raw messages from the runner; the host validates them. */
  onMessage(listener: (message: unknown) => void): void;
  /** The process ended; `code` null when killed by a signal. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type SpawnRunner = () => RunnerProcess;

/** The runner's entry and the Node flags it needs, matching how this host runs. */
function runnerEntry(): { entry: string; execArgv: string[] } {
  if (!runningFromSources(import.meta.url)) {
    return { entry: join(findAppRoot(import.meta.dirname), 'out/main/runner.js'), execArgv: [] };
  }
  // An absolute loader URL: `--import tsx` alone would resolve against the user's cwd.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    entry: fileURLToPath(new URL('./index.ts', import.meta.url)),
    execArgv: ['--import', tsx],
  };
}

/** The runner as a Node child process. */
export const spawnNodeRunner: SpawnRunner = () => {
  const { entry, execArgv } = runnerEntry();
  const child = fork(entry, [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  child.on('error', () => {});
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.on('exit', (code, signal) => listener(code, signal)),
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
};
