import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDuration } from '../../../shared/duration';
import { serializeDocument } from '../../../shared/document/serialize';
import type { CalibrationResult } from '../../../shared/calibration/observations';
import { writeFileAtomic } from '../../services/atomic-write';
import { importDeployment } from '../../services/import-redis';
import { ImportError } from '../../redis/import/errors';
import { parseCommandArgs } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo, type CliCommand } from '../io';
import { formatCalibration } from './import-format';

const HELP = `Usage: pipewright import --redis URL [--prefix bull] [--listen 10s] [--out FILE]
                         [--report FILE] [--force] [--json]

Reads a running BullMQ deployment — read-only, it never writes to that Redis — and builds a
pipewright/v1 document that models it: arrival rates, service times, failure rates, job options,
concurrency and the edges between queues, each fitted from what Redis holds, with a report of the
evidence (sample sizes, fit quality, warnings).

  --redis URL      redis://[USER:PASSWORD@]HOST:PORT or rediss:// (TLS); a Redis Cluster node
                   works too (every master is read)
  --prefix P       BullMQ key prefix (default bull)
  --listen D       listen live this long before reading (events stream, active jobs): needed
                   for queues that remove jobs on completion; 0 to skip (default 10s)
  --out FILE       write the document there (refused if it exists, unless --force); without
                   it the document is printed
  --report FILE    write the calibration report there as JSON
  --force          replace an existing --out or --report file
  --json           print JSON: { document, report }, or only the report with --out

Exit status: 0 imported, 1 nothing to import (no BullMQ queues or jobs under the prefix),
2 bad arguments, or Redis could not be read (unreachable, refused credentials or permissions).`;

const MAX_LISTEN_MS = 60 * 60_000;

export const importCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'import',
    HELP,
    args,
    {
      redis: { type: 'string' },
      prefix: { type: 'string' },
      listen: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
      force: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const fail = (message: string) => {
    io.err(`pipewright import: ${message}`);
    return EXIT_USAGE;
  };
  if (positionals.length > 0) return fail(`unexpected argument "${positionals[0]}"\n${HELP}`);
  if (!values.redis) return fail(`give the deployment's Redis with --redis URL\n${HELP}`);
  const listenMs = parseDuration(values.listen ?? '10s');
  if (listenMs === null || listenMs < 0 || listenMs > MAX_LISTEN_MS) {
    return fail(`--listen "${values.listen}" must be a time from 0 to 1h, e.g. 0, 30s or 2m`);
  }
  const prefix = values.prefix ?? 'bull';
  if (!/^\S{1,100}$/.test(prefix)) return fail(`--prefix must be 1-100 characters without spaces`);
  const out = values.out ? resolve(io.cwd, values.out) : undefined;
  const reportFile = values.report ? resolve(io.cwd, values.report) : undefined;
  for (const [flag, file] of [
    ['--out', out],
    ['--report', reportFile],
  ] as const) {
    if (file && !values.force && (await exists(file))) {
      return fail(`${flag} ${file} already exists; choose another file or add --force`);
    }
  }

  let outcome: Awaited<ReturnType<typeof importDeployment>>;
  try {
    outcome = await importDeployment({ url: values.redis, prefix, listenMs });
  } catch (error) {
    if (error instanceof ImportError) return fail(error.message);
    throw error;
  }
  if (outcome.nothing) {
    io.err(`pipewright import: ${outcome.nothing}`);
    return EXIT_FINDINGS;
  }
  const { result } = outcome;
  try {
    if (out) await writeFileAtomic(out, serializeDocument(result.document));
    if (reportFile)
      await writeFileAtomic(reportFile, `${JSON.stringify(result.report, null, 2)}\n`);
  } catch (error) {
    return fail(`could not write: ${(error as Error).message}`);
  }
  printResult(result, io, { json: values.json === true, out });
  return EXIT_OK;
};

function printResult(
  result: CalibrationResult,
  io: CliIo,
  { json, out }: { json: boolean; out: string | undefined },
): void {
  if (json) {
    io.out(JSON.stringify(out ? result.report : result, null, 2));
  } else if (out) {
    io.out(`${formatCalibration(result)}\n\nwrote ${out}`);
  } else {
    // stdout carries the document alone, so it can be piped into a file; the summary goes aside.
    io.out(serializeDocument(result.document));
    io.err(formatCalibration(result));
  }
}

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );
