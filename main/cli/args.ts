import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { PipelineDocument } from '../../shared/document';
import type { Diagnostic } from '../../shared/validation';
import { readDocumentFile } from '../services/document-file';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './io';

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

/**
 * Reads the pipeline file a command was given, printing every problem as `file: where: message`
 * on stderr, with the exit status a failure deserves: 1 ("errors") for JSON that is not a valid
 * pipeline, 2 ("unreadable") for a file that cannot be read or is not JSON at all. Every command
 * that reads a pipeline goes through here, so they agree.
 */
export async function readPipelineFile(
  file: string,
  io: CliIo,
): Promise<{ document: PipelineDocument } | { exit: number }> {
  const read = await readDocumentFile(resolve(io.cwd, file));
  if (read.ok) return { document: read.document };
  for (const e of read.errors) io.err(`${file}: ${e.path || '(file)'}: ${e.message}`);
  return { exit: read.json ? EXIT_FINDINGS : EXIT_USAGE };
}

/** Where a diagnostic points, as the CLI prints it. */
export function diagnosticWhere(d: Pick<Diagnostic, 'nodeId' | 'edgeId'>): string {
  return d.nodeId ? `node ${d.nodeId}` : d.edgeId ? `edge ${d.edgeId}` : '(document)';
}
