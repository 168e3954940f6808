// Electron main entry (built to out/main by electron-vite). Everything lives in app.ts so that
// tests can drive it with a mocked `electron`.
import { dirname } from 'node:path';
import { startApp } from './app';

/** out/main → out: where preload/ and renderer/ were built. */
const builtDir = dirname(import.meta.dirname);

startApp(builtDir).catch((error: unknown) => {
  process.stderr.write(
    `pipewright: could not start: ${String((error as Error)?.stack ?? error)}\n`,
  );
  process.exit(1);
});
