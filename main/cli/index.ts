import { EXIT_USAGE, processIo, type CliCommand, type CliIo } from './io';

/** Commands load lazily, so `pipewright validate` does not pay for BullMQ or the web server. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  validate: {
    summary: 'validate <file...> [--json]   check pipeline documents',
    load: async () => (await import('./commands/validate')).validateCommand,
  },
  generate: {
    summary: 'generate <file> --out <dir> [--force] [--json]   write a BullMQ TypeScript project',
    load: async () => (await import('./commands/generate')).generateCommand,
  },
  simulate: {
    summary:
      'simulate <file> [--duration 10m | --jobs N] [--seed N] [--json]   simulate without Redis',
    load: async () => (await import('./commands/simulate')).simulateCommand,
  },
  run: {
    summary: 'run <file> [--redis URL] [--duration 30s] [--json]   run it for real on BullMQ',
    load: async () => (await import('./commands/run')).runCommand,
  },
  import: {
    summary:
      'import --redis URL [--prefix bull] [--listen 10s] [--out FILE] [--json]   model a live BullMQ deployment',
    load: async () => (await import('./commands/import')).importCommand,
  },
  clean: {
    summary: 'clean --redis URL --prefix P [--dry-run]   remove the keys a killed run left',
    load: async () => (await import('./commands/clean')).cleanCommand,
  },
  serve: {
    summary: 'serve [--port N] [--host-dir DIR]   open the app in a browser (web mode)',
    load: async () => (await import('./commands/serve')).serveCommand,
  },
};

export function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  pipewright ${c.summary}`);
  return ['Usage:', ...lines, '', 'Run `pipewright <command> --help` for details.'].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`pipewright: unknown command "${name}"\n${usage()}`);
    return EXIT_USAGE;
  }
  return (await command.load())(rest, io);
}
