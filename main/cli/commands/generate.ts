import { plural } from '../../../shared/plural';
import { resolve } from 'node:path';
import { CodegenError, generateProject } from '../../../shared/codegen';
import { ExportError, exportProject, type ExportReport } from '../../services/export';
import { diagnosticWhere, parseCommandArgs, readPipelineFile } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../io';

const HELP = `Usage: pipewright generate <file> --out <dir> [--force] [--json]

Writes a runnable TypeScript project on BullMQ for the pipeline in <file>: queues, workers,
producers, Job Schedulers, a load script, a Dockerfile and docker-compose.yml.

Handlers (src/handlers/*.ts) are your code: a handler is written once, when it does not exist,
and never overwritten. Every other file is regenerated. Run it again after changing the pipeline.

Options:
  --out <dir>  the project folder; created when missing. It must be empty or hold an earlier
               Pipewright export (it has a .pipewright.json).
  --force      write into a folder that holds other files. Files with the project's names are
               replaced, except handlers, which are never overwritten, even with --force.
  --json       print the report as JSON: { out, files: [{ path, kind, status }], stale }.

Each file's status: written (new), changed (regenerated over other contents), unchanged, or
kept (a handler you changed, left alone). The output names the files it replaced, and which of
them no earlier export had written. Files an earlier export wrote that the pipeline no longer
has are listed as stale and left in place.

Exit status: 0 when written, 1 when the pipeline cannot become code (e.g. a worker without
a queue) or the file is JSON but not a valid pipeline, 2 when the file is unreadable or not
JSON, the folder is refused, or the arguments are wrong.`;

export const generateCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'generate',
    HELP,
    args,
    {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !values.out) {
    const missing = positionals.length !== 1 ? 'name exactly one pipeline file' : 'say --out <dir>';
    io.err(`pipewright generate: ${missing}\n${HELP}`);
    return EXIT_USAGE;
  }
  const file = positionals[0]!;
  const read = await readPipelineFile(file, io);
  if ('exit' in read) return read.exit;
  const pipeline = read.document;

  let report: ExportReport;
  try {
    const files = await generateProject(pipeline);
    report = await exportProject(resolve(io.cwd, values.out), files, { force: values.force });
  } catch (error) {
    if (error instanceof CodegenError) {
      for (const d of error.diagnostics) {
        io.err(`${file}: ${diagnosticWhere(d)}: ${d.message} (${d.hint})`);
      }
      return EXIT_FINDINGS;
    }
    if (error instanceof ExportError) {
      io.err(`pipewright generate: ${error.message}`);
      return EXIT_USAGE;
    }
    throw error;
  }

  if (values.json) {
    const { folder, files, stale, replaced, foreign } = report;
    io.out(JSON.stringify({ out: folder, files, stale, replaced, foreign }, null, 2));
    return EXIT_OK;
  }
  const width = Math.max(...report.files.map((f) => f.status.length));
  for (const f of report.files) io.out(`${f.status.padEnd(width)}  ${f.path}`);
  for (const path of report.stale)
    io.out(`${'stale'.padEnd(width)}  ${path} (no longer generated)`);
  io.out(summary(report));
  return EXIT_OK;
};

/** The closing lines: counts that agree with the per-file statuses above, and what was replaced. */
export function summary(report: ExportReport): string {
  const count = (status: string) => report.files.filter((f) => f.status === status).length;
  const handlers = report.files.filter((f) => f.kind === 'handler');
  const lines = [
    `${report.folder}: ${count('written')} written, ${count('changed')} changed, ` +
      `${count('unchanged')} unchanged, ${count('kept')} kept.`,
  ];
  if (handlers.length > 0) {
    const by = (status: string) => handlers.filter((f) => f.status === status).length;
    const existing = by('unchanged') + by('kept');
    lines.push(
      `Handlers: ${by('written')} written new; ${existing} already there, left as they were ` +
        `(${by('kept')} edited by you, ${by('unchanged')} unchanged). A handler is never overwritten.`,
    );
  }
  if (report.replaced.length > 0) {
    const foreign = new Set(report.foreign);
    const names = report.replaced.map((p) =>
      foreign.has(p) ? `${p} (not from an earlier export)` : p,
    );
    lines.push(
      `Replaced ${plural(report.replaced.length, 'generated file')}: ${names.join(', ')}.`,
    );
  }
  lines.push('Next: npm install && npm run build && npm start (with REDIS_URL set).');
  return lines.join('\n');
}
