import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findAppRoot } from '../../app-root';
import { createHostServices } from '../../services/host-services';
import { defaultHostDir, defaultUserDataDir, resolveUserPath } from '../../services/paths';
import { RendererNotBuiltError, startWebServer } from '../../web/server';
import { parseCommandArgs } from '../args';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from '../io';

const repoRoot = findAppRoot(import.meta.dirname);

const HELP = `Usage: pipewright serve [--port N] [--host-dir DIR] [file.pipewright.json]

Web mode: serves the built app and its host services on http://127.0.0.1 only, and prints a
URL carrying a random token; requests without it are refused. Stop with Ctrl+C.

The page opens, saves and exports only inside the host folder and the data folder (and the
file named on the command line); it cannot reach other files of this computer.

  --port N          port to listen on (default 0: any free port)
  --host-dir DIR    the folder the page works in: pipelines, exported code, reports
                    (default: ${defaultHostDir()}, created when missing)
  --data-dir DIR    folder for settings, recent files and recovery copies
                    (default: ${defaultUserDataDir()})
  --renderer-dir D  a renderer built elsewhere (default: out/renderer, from npm run build)
  file              a pipeline to open when the page loads`;

export const serveCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'serve',
    HELP,
    args,
    {
      port: { type: 'string' },
      'host-dir': { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    io.err(`pipewright serve: --port must be an integer from 0 to 65535, got "${values.port}"`);
    return EXIT_USAGE;
  }
  if (positionals.length > 1) {
    io.err(`pipewright serve: give at most one file to open\n${HELP}`);
    return EXIT_USAGE;
  }

  const userDataDir = values['data-dir']
    ? resolve(io.cwd, values['data-dir'])
    : defaultUserDataDir();
  const hostDir = values['host-dir'] ? resolve(io.cwd, values['host-dir']) : defaultHostDir();
  try {
    await mkdir(hostDir, { recursive: true });
  } catch (error) {
    io.err(
      `pipewright serve: cannot create the host folder ${hostDir}: ${(error as Error).message}; ` +
        'choose another with --host-dir DIR',
    );
    return EXIT_USAGE;
  }
  const services = createHostServices({
    userDataDir,
    hostDir,
    examplesDir: resolve(repoRoot, 'resources/examples'),
    host: 'web',
    warn: (message) => io.err(`pipewright serve: warning: ${message}`),
  });
  const file = positionals[0];
  if (file !== undefined) {
    try {
      await services.openFromHost(resolveUserPath(file) ?? resolve(io.cwd, file));
    } catch (error) {
      io.err(`pipewright serve: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
  }

  let server;
  try {
    server = await startWebServer({
      port,
      services,
      rendererDir: values['renderer-dir']
        ? resolve(io.cwd, values['renderer-dir'])
        : resolve(repoRoot, 'out/renderer'),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof RendererNotBuiltError) io.err(`pipewright serve: ${error.message}`);
    else if (code === 'EADDRINUSE') {
      io.err(
        `pipewright serve: port ${port} is in use; pick another with --port N (0: any free port)`,
      );
    } else io.err(`pipewright serve: could not start: ${(error as Error).message}`);
    return EXIT_USAGE;
  }

  io.out(`Pipewright web mode: ${server.url}`);
  io.out(`Host folder (the page opens, saves and exports here): ${hostDir}`);
  io.out('Open that URL in a browser on this machine. Press Ctrl+C to stop.');
  await new Promise<void>((stopped) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stopped();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  await services.close();
  return EXIT_OK;
};
