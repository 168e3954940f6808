import type { PipelineDocument } from '../../../shared/document';
import type { EarlyStop, RunSummary } from '../../../shared/metrics/types';
import { analyseQueueing, type QueueStation } from '../../../shared/queueing/stations';
import { compileModel, SimulationModelError } from '../../../shared/simulation/model';
import {
  describeSilentProducer,
  silentProducers,
} from '../../../shared/simulation/silent-producers';
import { simulate, type ReplicationOptions } from '../../../shared/simulation/run';
import { DEFAULT_MAX_EVENTS, DEFAULT_MAX_JOBS_IN_SYSTEM } from '../../../shared/simulation/options';
import { describeGrowing } from '../../../shared/simulation/early-stop';
import { formatCount, formatMs, formatNumber, formatPercent } from '../../../shared/metrics/format';
import { validateDocument } from '../../../shared/validation';
import { parseDuration } from '../../../shared/duration';
import { parseCommandArgs, readPipelineFile } from '../args';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand } from '../io';
import { playablePipeline } from '../scenario-file';
import { table } from '../table';
import { autoscaleLines, scenarioLines } from './scenario-format';
import { runAutoscaleSweep, SWEEP_AUTOSCALE_FLAGS, SWEEP_AUTOSCALE_HELP } from './sweep-autoscale';

export { table } from '../table';

const HELP = `Usage: pipewright simulate <file> [--duration 10m | --jobs N] [--seed N] [--warmup 1m]
                           [--replications N] [--interval 1s] [--max-events N]
                           [--scenario FILE] [--json]
       pipewright simulate <file> --sweep-autoscale WORKER --p95 MS [--p95-of end-to-end]
                           [--targets 5,10] [--max-replicas 2,4,8] [--min-replicas 1,2]

Simulates the pipeline without Redis (a discrete-event model with BullMQ's semantics) and prints
a table per node with queueing theory beside it, or with --json the pipewright-summary/v1 object.
The document's scenario (timed outages, slowdowns, rate changes, paused queues, replicas) is
played, and each event's figures printed: peak backlog, time to drain after it, retries and
attempts per job, jobs that failed for good; autoscaled workers show replicas and replica-seconds.

  --duration D        simulated time measured after the warm-up: 500ms, 30s, 10m, 2h, 7d
                      (default 10m)
  --jobs N            instead of a duration: stop once producers have created N jobs
  --seed N            seed of the random numbers; the same seed gives the same figures (default 1)
  --warmup D          simulated time excluded from the figures at the start (default 0)
  --replications N    independent runs with seeds N, N+1, …: figures are their means, with 95 %
                      confidence half-widths (default 1)
  --interval D        how often the backlog is sampled for the stable/growing verdict
  --max-events N      event budget of each replication (default ${formatCount(DEFAULT_MAX_EVENTS)})
  --scenario FILE     play this scenario instead of the document's: a JSON {"events": [...]}
                      (each {id, name?, nodeId, atMs, durationMs?, change}, as in the document)
  --json              print the summary object only
${SWEEP_AUTOSCALE_HELP}

Budgets: a run stops early when it passes its event budget, when more than
${formatCount(DEFAULT_MAX_JOBS_IN_SYSTEM)} jobs are in the model at once (its memory bound), or when simulated time stops
advancing (a loop of workers that take no time). It then prints why, when, and which queues were
growing; the figures cover the span before the stop ("stoppedEarly" in the --json summary).

Exit status: 0 done, 1 the pipeline cannot be simulated (also JSON that is not a valid pipeline)
or the run stopped early at a budget, 2 bad arguments or an unreadable or non-JSON file.`;

const MAX_SIMULATED_MS = 366 * 86_400_000;

type Parsed = { ok: true; options: ReplicationOptions } | { ok: false; message: string };

function readOptions(values: Record<string, string | boolean | undefined>): Parsed {
  const options: ReplicationOptions = {};
  const duration = (flag: string, min: number): number | string | undefined => {
    const text = values[flag];
    if (typeof text !== 'string') return undefined;
    const ms = parseDuration(text);
    if (ms === null || ms < min || ms > MAX_SIMULATED_MS) {
      return `--${flag} "${text}" must be a time ${min === 0 ? 'from 0' : 'from 1ms'} to 366d, e.g. 30s, 10m or 2h`;
    }
    return ms;
  };
  const integer = (flag: string, min: number, max: number): number | string | undefined => {
    const text = values[flag];
    if (typeof text !== 'string') return undefined;
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      return `--${flag} "${text}" must be a whole number from ${min} to ${max}`;
    }
    return n;
  };
  const checks = {
    durationMs: duration('duration', 1),
    warmupMs: duration('warmup', 0),
    snapshotIntervalMs: duration('interval', 1),
    jobs: integer('jobs', 1, 1_000_000_000),
    seed: integer('seed', -(2 ** 31), 2 ** 31 - 1),
    replications: integer('replications', 1, 1000),
    maxEvents: integer('max-events', 1000, 10_000_000_000),
  };
  for (const [key, value] of Object.entries(checks)) {
    if (typeof value === 'string') return { ok: false, message: value };
    if (value !== undefined) (options as Record<string, number>)[key] = value;
  }
  if (options.durationMs !== undefined && options.jobs !== undefined) {
    return { ok: false, message: 'give either --duration or --jobs, not both' };
  }
  return { ok: true, options };
}

export const simulateCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs(
    'simulate',
    HELP,
    args,
    {
      duration: { type: 'string' },
      jobs: { type: 'string' },
      seed: { type: 'string' },
      warmup: { type: 'string' },
      replications: { type: 'string' },
      interval: { type: 'string' },
      'max-events': { type: 'string' },
      scenario: { type: 'string' },
      json: { type: 'boolean' },
      ...SWEEP_AUTOSCALE_FLAGS,
    },
    io,
  );
  if ('exit' in parsed) return parsed.exit;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`pipewright simulate: name exactly one pipeline file\n${HELP}`);
    return EXIT_USAGE;
  }
  const read = readOptions(values);
  if (!read.ok) {
    io.err(`pipewright simulate: ${read.message}`);
    return EXIT_USAGE;
  }
  const file = positionals[0]!;
  // Exit 1 for JSON that is not a valid pipeline, 2 for a file that is not JSON: as `validate`.
  const doc = await readPipelineFile(file, io);
  if ('exit' in doc) return doc.exit;
  const playable = await playablePipeline(doc.document, file, values.scenario, io);
  if ('exit' in playable) return playable.exit;
  const pipeline = playable.document;
  if (typeof values['sweep-autoscale'] === 'string') {
    const { replications = 3, ...rest } = read.options;
    return runAutoscaleSweep(pipeline, file, values, { ...rest, replications }, io);
  }
  let summary: RunSummary;
  try {
    summary = simulate(pipeline, read.options);
  } catch (error) {
    if (error instanceof SimulationModelError) {
      for (const problem of error.problems) io.err(`${file}: ${problem}`);
      return EXIT_FINDINGS;
    }
    throw error;
  }
  if (values.json) {
    io.out(JSON.stringify(summary, null, 2));
  } else {
    io.out(formatSimulation(summary, pipeline, read.options));
    if (read.options.jobs === undefined) {
      const windowEndMs = (read.options.warmupMs ?? 0) + summary.durationMs;
      for (const p of silentProducers(compileModel(pipeline), windowEndMs)) {
        io.out(`note: ${describeSilentProducer(p, windowEndMs)}`);
      }
    }
    const findings = validateDocument(pipeline);
    if (findings.length > 0) io.out('');
    for (const d of findings) io.out(`${d.severity}: ${d.message} (${d.hint})`);
  }
  if (summary.stoppedEarly) {
    // With --json, stdout is likely a file or a pipe: say it where a person sees it too.
    if (values.json) {
      const { message, growingQueues } = summary.stoppedEarly;
      io.err(`${file}: ${[message, describeGrowing(growingQueues)].filter(Boolean).join(' ')}`);
    }
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
};

// --- the table ------------------------------------------------------------------------------

/** "value ± half-width" when replications give a CI. */
const withCi = (format: (v: number) => string, value: number, half: unknown) =>
  typeof half === 'number' && half > 0 ? `${format(value)} ± ${format(half)}` : format(value);

const ciOf = (ci: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined),
    ci,
  );

function theory(station: QueueStation | undefined): string {
  if (!station) return '';
  if (station.unstable)
    return `ρ ${formatNumber(station.utilisation)} UNSTABLE (${station.bottleneck})`;
  const wait = station.wait
    ? `, wait ${formatMs(station.wait.meanWaitMs)}`
    : station.notModelled
      ? ', wait — (flow)'
      : '';
  return `ρ ${formatNumber(station.utilisation)}${wait}${station.approximate ? ' ≈' : ''}`;
}

/** The early stop, first thing under the title: the figures below cover only the span before it. */
function stoppedLines(stop: EarlyStop): string[] {
  const lines = [
    '',
    `STOPPED EARLY at ${formatMs(stop.atMs)} of simulated time` +
      (stop.replication > 1 ? `, in replication ${stop.replication}` : '') +
      ` (${formatCount(stop.events)} events, ${formatCount(stop.jobsInSystem)} jobs in the model); ` +
      'the figures below cover only the span before the stop.',
    stop.message,
  ];
  if (stop.growingQueues.length > 0) {
    lines.push(
      '',
      ...table(
        ['growing queue', 'depth', 'growth jobs/s'],
        stop.growingQueues.map((q) => [q.name, formatCount(q.depth), formatNumber(q.growthPerSec)]),
      ),
    );
  }
  return lines;
}

/** A readable report: one table per kind of node, queueing theory beside the queues. */
export function formatSimulation(
  summary: RunSummary,
  doc: PipelineDocument,
  options: ReplicationOptions,
): string {
  const reps = summary.replications ?? 1;
  const head = [
    `${summary.document}: simulated ${formatMs(summary.durationMs)}` +
      (options.warmupMs ? ` after a ${formatMs(options.warmupMs)} warm-up` : '') +
      `, seed ${summary.seed ?? 1}` +
      (reps > 1 ? `, ${reps} replications (± 95 % confidence)` : ''),
  ];
  const stop = summary.stoppedEarly;
  if (stop) head.push(...stoppedLines(stop));
  const nodes = Object.values(summary.nodes);
  const stations = analyseQueueing(doc).queues;
  const ids = Object.keys(summary.nodes);
  const out = [...head];
  const producers = nodes.filter((n) => n.kind === 'producer');
  if (producers.length > 0) {
    out.push(
      '',
      ...table(
        ['producer', 'created', 'jobs/s'],
        producers.map((p) => [
          p.name,
          formatCount(p.created),
          withCi(formatNumber, p.ratePerSec, ciOf(p.ci95, 'ratePerSec')),
        ]),
      ),
    );
  }
  const queues = nodes.flatMap((n, i) => (n.kind === 'queue' ? [[n, ids[i]!] as const] : []));
  if (queues.length > 0) {
    out.push(
      '',
      ...table(
        [
          'queue',
          'enqueued',
          'wait mean',
          'wait p95',
          'wait p99',
          'waiting mean/max',
          'delayed mean',
          'verdict',
          'theory',
        ],
        queues.map(([q, id]) => [
          q.name,
          formatCount(q.enqueued),
          withCi(formatMs, q.waitMs.mean, ciOf(q.ci95, 'waitMs', 'mean')),
          withCi(formatMs, q.waitMs.p95, ciOf(q.ci95, 'waitMs', 'p95')),
          formatMs(q.waitMs.p99),
          `${formatNumber(q.waiting.mean)} / ${formatCount(q.waiting.max)}`,
          formatNumber(q.delayed.mean),
          q.verdict === 'growing' && q.growingSinceMs !== undefined
            ? `GROWING since ${formatMs(q.growingSinceMs)}`
            : q.verdict,
          theory(stations.get(id)),
        ]),
      ),
    );
    // A flow's parent queues: parents in BullMQ's waiting-children state (docs: "Flows").
    for (const [q] of queues) {
      if (!q.waitingChildren) continue;
      out.push(
        `${q.name}: parents waiting for their children mean ${formatNumber(q.waitingChildren.mean)} / max ${formatCount(q.waitingChildren.max)}`,
      );
    }
  }
  const workers = nodes.filter((n) => n.kind === 'worker');
  if (workers.length > 0) {
    out.push(
      '',
      ...table(
        [
          'worker',
          'completed',
          'failed',
          'retried',
          'jobs/s',
          'utilisation',
          'service mean',
          'service p95',
        ],
        workers.map((w) => [
          w.name,
          formatCount(w.completed),
          formatCount(w.failed),
          formatCount(w.retried),
          withCi(formatNumber, w.throughputPerSec, ciOf(w.ci95, 'throughputPerSec')),
          withCi((v) => formatPercent(v, 1), w.utilisation, ciOf(w.ci95, 'utilisation')),
          formatMs(w.serviceMs.mean),
          formatMs(w.serviceMs.p95),
        ]),
      ),
    );
  }
  out.push(...autoscaleLines(summary), ...scenarioLines(summary, doc));
  const e2e = summary.endToEndMs;
  out.push(
    '',
    `end to end: mean ${withCi(formatMs, e2e.mean, summary.endToEndCi95?.mean)}, p50 ${formatMs(e2e.p50)}, ` +
      `p95 ${withCi(formatMs, e2e.p95, summary.endToEndCi95?.p95)}, p99 ${formatMs(e2e.p99)}, max ${formatMs(e2e.max)}`,
    'theory: ρ = utilisation of the workers; wait = mean wait (Erlang C, ≈ approximate).',
  );
  if ([...stations.values()].some((s) => s.notModelled)) {
    out.push(
      'wait — (flow): a flow feeds the queue (fork-join); theory gives its load, not its wait.',
    );
  }
  return out.join('\n');
}
