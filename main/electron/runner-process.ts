import { utilityProcess } from 'electron';
import type { SpawnRunner } from '../runner/spawn';

/**
 * The runner as an Electron utility process (docs/architecture.md "Processes"): the bundled `runner.js`
 * runs on Electron's own Node, sandboxed from the window, and ends together with the app.
 */
export function electronRunnerSpawner(runnerPath: string): SpawnRunner {
  return () => {
    const child = utilityProcess.fork(runnerPath, [], {
      serviceName: 'Pipewright runner',
      stdio: 'inherit',
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      // A utility process reports only its exit code; a crash is a non-zero code.
      onExit: (listener) => child.on('exit', (code) => listener(code, null)),
      kill: () => {
        child.kill();
      },
    };
  };
}
