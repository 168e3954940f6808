import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>
>;

/**
 * Parses a command's flags the same way for every command: `--help` prints the help and exits 0;
 * an unknown or malformed flag prints the problem and the help and exits 2.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  help: string,
  args: string[],
  options: O,
  io: CliIo,
): Parsed<O> | { exit: number } {
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as O,
    });
  } catch (error) {
    io.err(`pipewright ${command}: ${(error as Error).message}\n${help}`);
    return { exit: EXIT_USAGE };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(help);
    return { exit: EXIT_OK };
  }
  return parsed;
}
