import { resolve } from 'node:path';
import { parseDocumentValue, type PipelineDocument } from '../../shared/document';
import { scenarioErrors } from '../../shared/validation/scenario-errors';
import { readRegularFile } from '../services/document-file';
import { EXIT_FINDINGS, EXIT_USAGE, type CliIo } from './io';

/**
 * `--scenario FILE`: a JSON `{ "events": [...] }` that replaces the document's scenario. It is
 * checked by the document's own schema, so its errors read as `file: events[0].atMs: …`. Exit 2
 * when the file cannot be read or is not JSON, 1 when it is not a valid scenario.
 */
export async function withScenarioFile(
  doc: PipelineDocument,
  file: string,
  io: CliIo,
): Promise<{ document: PipelineDocument } | { exit: number }> {
  const read = await readRegularFile(resolve(io.cwd, file));
  if (!read.ok) {
    io.err(`${file}: ${read.message}`);
    return { exit: EXIT_USAGE };
  }
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    io.err(`${file}: not JSON (${(error as Error).message}); give a file like {"events": [...]}`);
    return { exit: EXIT_USAGE };
  }
  const parsed = parseDocumentValue({ ...doc, scenario: value });
  if (parsed.ok) return { document: parsed.document };
  for (const e of parsed.errors) {
    const where = e.path.replace(/^scenario\.?/, '') || '(file)';
    io.err(`${file}: ${where}: ${e.message}`);
  }
  return { exit: EXIT_FINDINGS };
}

/** Prints the scenario's and autoscalers' errors; true when there were any. */
function reportScenarioErrors(doc: PipelineDocument, where: string, io: CliIo): boolean {
  const errors = scenarioErrors(doc);
  for (const d of errors) io.err(`${where}: ${d.message} (${d.hint})`);
  return errors.length > 0;
}

/**
 * The pipeline a `simulate` or `run` plays: the document, its scenario replaced by `--scenario
 * FILE` when given, refused (exit 1) when its scenario or an autoscaler cannot be played as
 * written — the figures would be wrong.
 */
export async function playablePipeline(
  doc: PipelineDocument,
  file: string,
  scenarioFile: string | undefined,
  io: CliIo,
): Promise<{ document: PipelineDocument } | { exit: number }> {
  let document = doc;
  if (scenarioFile !== undefined) {
    const replaced = await withScenarioFile(doc, scenarioFile, io);
    if ('exit' in replaced) return replaced;
    document = replaced.document;
  }
  const where = scenarioFile !== undefined ? `${file} with ${scenarioFile}` : file;
  return reportScenarioErrors(document, where, io) ? { exit: EXIT_FINDINGS } : { document };
}
