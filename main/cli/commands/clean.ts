import type { RedisClient } from '../../redis/client';
import { connectShortLived, deleteKeysByPrefix } from '../../redis/keys';
import { redactUrl } from '../../redis/probe';
import { findRuns, planClean } from '../../redis/run-markers';
import { parseCommandArgs } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../io';
import { plural } from '../../../shared/plural';

const HELP = `Usage: pipewright clean --redis URL --prefix P [--dry-run] [--force] [--json]
       pipewright clean --redis URL --list [--json]

Removes the keys a run left in Redis (after a kill -9, or a run with --keep-keys): every key
under "<P>:", and nothing else. \`pipewright run\` prints its prefix when it starts.

  --prefix P   the run's key prefix, as printed (e.g. bull-run-1a2b3c4d, or {bull-run-…} on a
               cluster)
  --dry-run    say what would be removed; remove nothing
  --force      also remove a prefix no Pipewright run marked (e.g. "bull", BullMQ's default,
               which may be real queues) or whose runner still looks alive
  --list       list the runs found in this Redis, live or orphaned
  --json       print the result as JSON

Without --force only a prefix marked by a Pipewright run whose runner is gone is removed: a
prefix is a plain string match, and \`bull\` is where real applications keep their queues.
Exit status: 0 done, 1 refused (not a run's prefix, or the run is live), 2 bad arguments or no
Redis.`;

export const cleanCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'clean',
    HELP,
    args,
    {
      redis: { type: 'string' },
      prefix: { type: 'string' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      list: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  const usage = (message: string) => {
    io.err(`pipewright clean: ${message}\n${HELP}`);
    return EXIT_USAGE;
  };
  if (positionals.length > 0) return usage(`unexpected argument "${positionals[0]}"`);
  if (values.redis === undefined || !/^rediss?:\/\/\S+$/.test(values.redis)) {
    return usage('--redis must be given, as a redis:// or rediss:// URL');
  }
  const prefix = values.prefix;
  if (!values.list) {
    if (prefix === undefined || prefix.trim() === '') {
      return usage('--prefix must be given and not empty (an empty prefix would match every key)');
    }
    if (prefix.endsWith(':')) return usage(`--prefix "${prefix}": give it without the final ":"`);
  }

  let client: RedisClient;
  try {
    // A cluster node gets a cluster client: the run's keys may be on any master.
    client = await connectShortLived(values.redis);
  } catch (error) {
    io.err(
      `pipewright clean: cannot reach Redis at ${redactUrl(values.redis)}: ${(error as Error).message}`,
    );
    return EXIT_USAGE;
  }
  try {
    if (values.list) {
      const runs = await findRuns(client);
      if (values.json) io.out(JSON.stringify(runs, null, 2));
      else if (runs.length === 0) io.out('No Pipewright runs in this Redis.');
      else {
        for (const run of runs) {
          const when = run.startedAt ? new Date(run.startedAt).toISOString() : 'unknown time';
          io.out(
            `${run.prefix}  ${run.live ? 'live    ' : 'orphaned'}  ${run.runId} of "${run.document}", started ${when}`,
          );
        }
      }
      return EXIT_OK;
    }
    const plan = await planClean(client, prefix!);
    const dryRun = values['dry-run'] ?? false;
    if (plan.refusal && !values.force) {
      if (values.json) io.out(JSON.stringify({ ...plan, removed: 0, dryRun }, null, 2));
      io.err(`pipewright clean: refused: ${plan.refusal}`);
      return EXIT_FINDINGS;
    }
    const removed = dryRun ? 0 : await deleteKeysByPrefix(client, prefix!);
    if (values.json) io.out(JSON.stringify({ ...plan, removed, dryRun }, null, 2));
    else {
      const whose = plan.run ? ` (run ${plan.run.runId} of "${plan.run.document}")` : '';
      const count = (n: number) => plural(n, 'key');
      io.out(
        dryRun
          ? `Would remove ${count(plan.keys)} under "${prefix}:"${whose}; nothing removed (--dry-run).`
          : `Removed ${count(removed)} under "${prefix}:"${whose}.`,
      );
    }
    return EXIT_OK;
  } catch (error) {
    io.err(`pipewright clean: ${(error as Error).message}`);
    return EXIT_FINDINGS;
  } finally {
    client.disconnect();
  }
};
