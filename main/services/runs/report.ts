import {
  RUN_REPORT_FORMAT,
  type ComparisonRow,
  type RedisStatus,
  type RunLogEntry,
  type RunReport,
  type RunResult,
} from '../../../shared/api/contract';
import type { PipelineDocument } from '../../../shared/document';
import {
  comparisonRow,
  type NodeSummary,
  type RunSummary,
  type ScenarioEventFigures,
} from '../../../shared/metrics';
import { simulate, type TimedChange } from '../../../shared/simulation';
import { liveChanges, type RecordedControl } from './changes';
import type { HistoryPoint } from './history';

// The report's shape is part of the API contract (shared/api/run-report.ts); HTML reads it here.
export type { ComparisonRow, RunReport } from '../../../shared/api/contract';

export interface RunReportInput {
  runId: string;
  document: PipelineDocument;
  startedAt: number;
  redis: RedisStatus;
  result: RunResult;
  points: readonly HistoryPoint[];
  log: readonly RunLogEntry[];
  /** Controls the run accepted (none when it was not steered). */
  changes?: readonly RecordedControl[];
}

const FIGURES: Record<NodeSummary['kind'], Array<[string, (n: never) => number]>> = {
  producer: [['jobs/s created', (n: { ratePerSec: number }) => n.ratePerSec]],
  queue: [
    ['mean wait ms', (n: { waitMs: { mean: number } }) => n.waitMs.mean],
    ['p95 wait ms', (n: { waitMs: { p95: number } }) => n.waitMs.p95],
    ['mean waiting jobs', (n: { waiting: { mean: number } }) => n.waiting.mean],
  ],
  worker: [
    ['throughput jobs/s', (n: { throughputPerSec: number }) => n.throughputPerSec],
    ['utilisation', (n: { utilisation: number }) => n.utilisation],
    ['mean service ms', (n: { serviceMs: { mean: number } }) => n.serviceMs.mean],
  ],
};

/** Predicted versus measured, per node and figure. */
export function compareSummaries(predicted: RunSummary, measured: RunSummary): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const [nodeId, m] of Object.entries(measured.nodes)) {
    const p = predicted.nodes[nodeId];
    if (!p || p.kind !== m.kind) continue;
    for (const [figure, read] of FIGURES[m.kind]) {
      rows.push(comparisonRow(nodeId, m.name, figure, read(p as never), read(m as never)));
    }
    if (p.kind === 'worker' && m.kind === 'worker' && p.autoscale && m.autoscale) {
      const [pa, ma] = [p.autoscale, m.autoscale];
      rows.push(
        comparisonRow(nodeId, m.name, 'replica-seconds', pa.replicaSeconds, ma.replicaSeconds),
      );
    }
  }
  return [...rows, ...scenarioRows(predicted, measured)];
}

/**
 * Each scenario event the run played, as a group of its own: the backlog it raised, how long it
 * took to drain, the retries it caused and the jobs it sent to a dead-letter queue.
 */
function scenarioRows(predicted: RunSummary, measured: RunSummary): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const m of measured.scenario ?? []) {
    const p = predicted.scenario?.find((e) => e.id === m.id);
    if (!p) continue;
    const row = (figure: string, read: (e: ScenarioEventFigures) => number | undefined) => {
      const [pv, mv] = [read(p), read(m)];
      if (pv !== undefined && mv !== undefined) {
        rows.push(
          comparisonRow(
            `scenario:${m.id}`,
            `scenario event ${JSON.stringify(m.name ?? m.id)}`,
            figure,
            pv,
            mv,
          ),
        );
      }
    };
    row('peak backlog', (e) => e.peakBacklog);
    row('drain ms', (e) => e.drainMs);
    row('retries', (e) => e.retries);
    row('dead-lettered', (e) => e.deadLettered);
  }
  return rows;
}

/**
 * The simulator's summary for the same document over the run's duration (seed 1), following the
 * run's own timeline: its live changes happen in the simulation at the same times, after the
 * document's scenario and with its autoscalers, which the runner plays too.
 */
export function predictRun(
  document: PipelineDocument,
  durationMs: number,
  changes: readonly TimedChange[] = [],
): RunSummary | null {
  if (durationMs <= 0) return null;
  try {
    return simulate(document, { durationMs, seed: 1, changes });
  } catch {
    return null;
  }
}

export function buildRunReport(input: RunReportInput): RunReport {
  const { document, result, points } = input;
  const changes = liveChanges(document, input.changes ?? []);
  const prediction = predictRun(document, result.summary.durationMs, changes);
  const queues = document.nodes.filter((n) => n.kind === 'queue').map((n) => n.id);
  const workers = document.nodes.filter((n) => n.kind === 'worker').map((n) => n.id);
  return {
    format: RUN_REPORT_FORMAT,
    runId: input.runId,
    generatedAt: new Date().toISOString(),
    startedAt: new Date(input.startedAt).toISOString(),
    document,
    redis: {
      url: input.redis.url,
      version: input.redis.version,
      managed: input.redis.managed,
      maxmemoryPolicy: input.redis.maxmemoryPolicy,
      warnings: input.redis.warnings,
    },
    outcome: {
      drained: result.drained,
      keysRemoved: result.keysRemoved,
      keysKept: result.keysKept,
    },
    summary: result.summary,
    prediction,
    changes,
    comparison: prediction ? compareSummaries(prediction, result.summary) : [],
    series: {
      t: points.map((p) => p.t),
      depth: Object.fromEntries(queues.map((id) => [id, points.map((p) => p.depth[id] ?? 0)])),
      throughput: Object.fromEntries(
        workers.map((id) => [id, points.map((p) => p.throughput[id] ?? 0)]),
      ),
      redisMemoryBytes: points.map((p) => p.redis?.usedMemoryBytes ?? 0),
    },
    log: input.log.slice(-200),
  };
}
