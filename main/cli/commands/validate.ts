import { resolve } from 'node:path';
import { validateDocument, type Diagnostic } from '../../../shared/validation';
import type { DocumentError } from '../../../shared/document';
import { readDocumentFile } from '../../services/document-file';
import { diagnosticWhere, parseCommandArgs } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../io';

const HELP = `Usage: pipewright validate <file...> [--json]

Checks pipeline documents. Prints one "file: where: message" line per finding.
Exit status: 0 when every file is clean (warnings allowed), 1 when any has errors (including
JSON that is not a valid pipeline document), 2 when a file is unreadable or not JSON.`;

interface FileReport {
  file: string;
  /** False when the file could not be read or is not JSON; `errors` then say why. */
  readable: boolean;
  /** Why the file is not a valid pipeline document (the schema's errors), or why it is unreadable. */
  errors: DocumentError[];
  diagnostics: Diagnostic[];
}

export const validateCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'validate',
    HELP,
    args,
    {
      json: { type: 'boolean' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  if (parsed.positionals.length === 0) {
    io.err(`pipewright validate: name at least one file\n${HELP}`);
    return EXIT_USAGE;
  }

  const reports: FileReport[] = [];
  for (const file of parsed.positionals) {
    const result = await readDocumentFile(resolve(io.cwd, file));
    reports.push(
      result.ok
        ? { file, readable: true, errors: [], diagnostics: validateDocument(result.document) }
        : { file, readable: result.json, errors: result.errors, diagnostics: [] },
    );
  }

  if (parsed.values.json) {
    io.out(JSON.stringify({ files: reports }, null, 2));
  } else {
    for (const report of reports) {
      for (const e of report.errors) io.out(`${report.file}: ${e.path || '(file)'}: ${e.message}`);
      for (const d of report.diagnostics) {
        io.out(`${report.file}: ${diagnosticWhere(d)}: ${d.severity}: ${d.message} (${d.hint})`);
      }
      if (report.readable && report.errors.length === 0 && report.diagnostics.length === 0) {
        io.out(`${report.file}: ok`);
      }
    }
  }
  if (reports.some((r) => !r.readable)) return EXIT_USAGE;
  const hasErrors = (r: FileReport) =>
    r.errors.length > 0 || r.diagnostics.some((d) => d.severity === 'error');
  if (reports.some(hasErrors)) return EXIT_FINDINGS;
  return EXIT_OK;
};
