import type { RunStatus } from '../../../shared/api/contract';
import type { RunSummary } from '../../../shared/metrics';
import { RedisUnavailableError } from '../../redis/locate';
import { RunService } from '../../services/runs/service';
import { RedisService } from '../../services/runs/redis';
import { parseDuration } from '../../../shared/duration';
import type { PipelineDocument } from '../../../shared/document';
import { parseCommandArgs, readPipelineFile } from '../args';
import { playablePipeline } from '../scenario-file';
import { autoscaleLines, scenarioLines } from './scenario-format';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from '../io';

const HELP = `Usage: pipewright run <file> [--redis URL] [--duration 30s] [--drain] [--keep-keys]
                        [--scenario FILE] [--json]

Runs the pipeline for real on BullMQ against Redis, with synthetic work and load, then prints
the pipewright-summary/v1 figures (the same shape as \`pipewright simulate\`).

  --redis URL      Redis to use (default: the document's settings.redisUrl, then
                   redis://127.0.0.1:6379); when it does not answer, redis-server from PATH
                   is started on a free port and stopped afterwards
  --duration D     how long to run: 500ms, 30s, 2m, 1h (default 30s)
  --drain          after the duration, stop producing and let the queues empty first
  --keep-keys      leave the run's keys in Redis (default: removed)
  --scenario FILE  play this scenario instead of the document's: a JSON {"events": [...]}
  --json           print the summary as JSON only

The document's scenario (outages, slowdowns, rate changes, paused queues, replicas) is played
on the run's clock and its workers' autoscalers poll Redis, as \`pipewright simulate\` models
them; the summary then has a row per scenario event (peak backlog, drain time, retries,
dead-lettered jobs) and per autoscaled worker.
Ctrl-C stops the run early and still prints the summary.
The key prefix is printed first: \`pipewright clean\` removes what a killed run left.
Incidents (Redis outages, dropped or late arrivals, refused commands) are printed as they happen
and listed in the summary (\`incidents\` in --json).
Exit status: 0 done, 1 the pipeline cannot run (also JSON that is not a valid pipeline), the run
failed (Redis refused its commands) or crashed, 2 bad arguments, an unreadable or non-JSON file, or
no Redis.`;

export const runCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'run',
    HELP,
    args,
    {
      redis: { type: 'string' },
      duration: { type: 'string', default: '30s' },
      drain: { type: 'boolean' },
      'keep-keys': { type: 'boolean' },
      scenario: { type: 'string' },
      json: { type: 'boolean' },
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`pipewright run: name exactly one pipeline file\n${HELP}`);
    return EXIT_USAGE;
  }
  const parsedMs = parseDuration(values.duration);
  const durationMs = parsedMs === null ? null : Math.round(parsedMs);
  if (durationMs === null || durationMs < 1000 || durationMs > 86_400_000) {
    io.err(
      `pipewright run: --duration "${values.duration}" must be a time from 1s to 24h, e.g. 30s or 2m`,
    );
    return EXIT_USAGE;
  }
  if (values.redis !== undefined && !/^rediss?:\/\/\S+$/.test(values.redis)) {
    io.err(`pipewright run: --redis "${values.redis}" must be a redis:// or rediss:// URL`);
    return EXIT_USAGE;
  }
  const file = positionals[0]!;
  // Exit 1 for JSON that is not a valid pipeline, 2 for a file that is not JSON: as `validate`.
  const read = await readPipelineFile(file, io);
  if ('exit' in read) return read.exit;
  const playable = await playablePipeline(read.document, file, values.scenario, io);
  if ('exit' in playable) return playable.exit;
  const pipeline = playable.document;

  const redis = new RedisService({ allowStart: true });
  const runs = new RunService({ redis });
  const say = (text: string) => {
    if (!values.json) io.err(text);
  };
  runs.onLog((entry) => {
    if (entry.level === 'error') say(`  ${(entry.t / 1000).toFixed(1)}s ${entry.message}`);
  });
  // Error-level incidents arrive as error logs above; warnings (lagging load, dropped arrivals)
  // are printed here, since the CLI does not print warn-level logs (job retries would flood it).
  runs.onIncident((incident) => {
    if (incident.level === 'warn')
      say(`  ${(incident.t / 1000).toFixed(1)}s warning: ${incident.message}`);
  });
  let crashed: RunStatus | null = null;
  runs.onStatus((status) => {
    if (status.state === 'crashed') crashed = status;
  });
  const interrupt = () => {
    say('Stopping…');
    void runs.stop({ drain: false, keepKeys: values['keep-keys'] ?? false }).catch(() => undefined);
  };
  try {
    const info = await runs.start({
      document: pipeline,
      ...(values.redis !== undefined ? { redisUrl: values.redis } : {}),
      keepKeys: values['keep-keys'] ?? false,
    });
    const where = info.redis.managed ? `${info.redis.url} (started for this run)` : info.redis.url;
    say(
      `Running "${info.documentName}" for ${durationMs / 1000} s on Redis ${info.redis.version} at ${where}…`,
    );
    // First, so that a run killed with -9 can still be cleaned up.
    say(
      `Keys prefix: ${info.prefix} (if this process dies, remove them with ` +
        `pipewright clean --redis ${info.redis.url} --prefix '${info.prefix}')`,
    );
    for (const warning of info.redis.warnings) say(`warning: ${warning}`);
    process.once('SIGINT', interrupt);
    const timer = setTimeout(() => {
      if (runs.status().state === 'running') {
        void runs.stop({ drain: values.drain ?? false, keepKeys: values['keep-keys'] ?? false });
      }
    }, durationMs);
    const stopped = runs.whenStopped();
    // A crashed runner does not stop by itself: clean up and report it.
    const crashWatch = setInterval(() => {
      if (crashed)
        void runs.stop({ keepKeys: values['keep-keys'] ?? false }).catch(() => undefined);
    }, 200);
    const result = await stopped;
    clearTimeout(timer);
    clearInterval(crashWatch);
    if (values.json) io.out(JSON.stringify(result.summary, null, 2));
    else io.out(formatSummary(result.summary, pipeline));
    if (crashed) {
      io.err(`pipewright run: ${(crashed as RunStatus).message}`);
      return EXIT_FINDINGS;
    }
    const refused = (result.summary.incidents ?? []).filter((i) => i.kind === 'refused');
    if (refused.length > 0) {
      io.err(`pipewright run: the run failed: ${refused.map((i) => i.message).join('; ')}`);
      return EXIT_FINDINGS;
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof RedisUnavailableError || /redis/i.test((error as Error).message)) {
      io.err(`pipewright run: ${(error as Error).message}`);
      return EXIT_USAGE;
    }
    io.err(`pipewright run: ${(error as Error).message}`);
    return EXIT_FINDINGS;
  } finally {
    process.removeListener('SIGINT', interrupt);
    runs.dispose();
    await redis.close();
  }
};

const n = (v: number, digits = 1) => (Math.round(v * 10 ** digits) / 10 ** digits).toString();

/** A readable table: one line per node. */
export function formatSummary(summary: RunSummary, doc?: PipelineDocument): string {
  const lines = [
    `${summary.document}: ran ${n(summary.durationMs / 1000)} s`,
    '',
    `${'node'.padEnd(24)} ${'kind'.padEnd(9)} figures`,
  ];
  for (const node of Object.values(summary.nodes)) {
    let figures: string;
    if (node.kind === 'producer') {
      figures = `${node.created} created, ${n(node.ratePerSec)} jobs/s`;
    } else if (node.kind === 'queue') {
      figures =
        `${node.enqueued} enqueued, wait mean ${n(node.waitMs.mean)} ms, p95 ${n(node.waitMs.p95)} ms, ` +
        `waiting mean ${n(node.waiting.mean)} (max ${node.waiting.max}), ` +
        // A flow's parent queue: parents in BullMQ's waiting-children (docs/architecture.md "Flows").
        (node.waitingChildren
          ? `waiting for children mean ${n(node.waitingChildren.mean)} (max ${node.waitingChildren.max}), `
          : '') +
        node.verdict;
    } else {
      figures =
        `${node.completed} completed, ${node.failed} failed, ${node.retried} retried, ` +
        `${n(node.throughputPerSec)} jobs/s, utilisation ${n(node.utilisation * 100)} %, ` +
        `service mean ${n(node.serviceMs.mean)} ms, p95 ${n(node.serviceMs.p95)} ms`;
    }
    lines.push(`${node.name.slice(0, 24).padEnd(24)} ${node.kind.padEnd(9)} ${figures}`);
  }
  lines.push(...autoscaleLines(summary), ...(doc ? scenarioLines(summary, doc) : []));
  const e2e = summary.endToEndMs;
  lines.push('', `end to end: mean ${n(e2e.mean)} ms, p95 ${n(e2e.p95)} ms, p99 ${n(e2e.p99)} ms`);
  const incidents = summary.incidents ?? [];
  if (incidents.length > 0) {
    lines.push('', 'incidents:');
    for (const i of incidents) lines.push(`  ${n(i.t / 1000)}s ${i.level}: ${i.message}`);
  }
  return lines.join('\n');
}

export type { CliIo };
