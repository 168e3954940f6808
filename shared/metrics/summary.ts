import type { BacklogVerdict } from './backlog-trend';
import type { LogHistogram } from './histogram';
import { meanCi95, summaryStat } from './stats';
import type { TimeWeightedAverage } from './time-weighted';
import type {
  AutoscaleSummary,
  Ci95Of,
  NodeSummary,
  ProducerSummary,
  QueueSummary,
  RunSummary,
  ScenarioEventFigures,
  SummaryNode,
  SummaryStat,
  UnaveragedKey,
  WorkerSummary,
} from './types';

/**
 * Assembles the `pipewright-summary/v1` object (docs/architecture.md "Summary format") from engine-agnostic
 * statistics, so the simulator and a real run (fed from job timestamps) print the same shape.
 */

export interface LevelStat {
  mean: number;
  max: number;
}

export interface ProducerStatsInput {
  kind: 'producer';
  name: string;
  /** Jobs created during the measured span. */
  created: number;
}

export interface QueueStatsInput {
  kind: 'queue';
  name: string;
  wait: LogHistogram;
  waiting: LevelStat;
  delayed: LevelStat;
  waitingChildren?: LevelStat;
  /** Jobs added during the measured span. */
  enqueued: number;
  backlog: BacklogVerdict;
}

export interface WorkerStatsInput {
  kind: 'worker';
  name: string;
  completed: number;
  failed: number;
  retried: number;
  /** Mean busy slots / capacity over the measured span. */
  utilisation: number;
  service: LogHistogram;
  autoscale?: AutoscaleSummary;
}

export type NodeStatsInput = ProducerStatsInput | QueueStatsInput | WorkerStatsInput;

export interface SummaryInput {
  mode: 'simulate' | 'run';
  /** The document's name. */
  document: string;
  /** Measured span (warm-up excluded), ms. */
  durationMs: number;
  seed?: number;
  /** Per node id, in document order. */
  nodes: Record<string, NodeStatsInput>;
  endToEnd: LogHistogram;
}

/** Mean and max of a time-weighted level over its window ending at `endMs`. */
export const levelStat = (level: TimeWeightedAverage, endMs: number): LevelStat => ({
  mean: level.mean(endMs),
  max: level.max,
});

export function buildSummary(input: SummaryInput): RunSummary {
  const perSec = (n: number) => (input.durationMs > 0 ? (n * 1000) / input.durationMs : 0);
  const nodes: RunSummary['nodes'] = {};
  for (const [id, node] of Object.entries(input.nodes)) {
    nodes[id] = nodeSummary(node, perSec);
  }
  return {
    format: 'pipewright-summary/v1',
    mode: input.mode,
    document: input.document,
    durationMs: input.durationMs,
    ...(input.seed === undefined ? {} : { seed: input.seed }),
    nodes,
    endToEndMs: summaryStat(input.endToEnd),
  };
}

function nodeSummary(node: NodeStatsInput, perSec: (n: number) => number): NodeSummary {
  switch (node.kind) {
    case 'producer':
      return {
        kind: 'producer',
        name: node.name,
        created: node.created,
        ratePerSec: perSec(node.created),
      };
    case 'queue': {
      const out: NodeSummary = {
        kind: 'queue',
        name: node.name,
        waitMs: summaryStat(node.wait),
        waiting: { mean: node.waiting.mean, max: node.waiting.max },
        delayed: { mean: node.delayed.mean, max: node.delayed.max },
        ...(node.waitingChildren && {
          waitingChildren: { mean: node.waitingChildren.mean, max: node.waitingChildren.max },
        }),
        enqueued: node.enqueued,
        verdict: node.backlog.verdict,
      };
      if (node.backlog.growingSinceMs !== undefined) {
        out.growingSinceMs = node.backlog.growingSinceMs;
      }
      return out;
    }
    case 'worker':
      return {
        kind: 'worker',
        name: node.name,
        completed: node.completed,
        failed: node.failed,
        retried: node.retried,
        throughputPerSec: perSec(node.completed),
        utilisation: node.utilisation,
        serviceMs: summaryStat(node.service),
        ...(node.autoscale ? { autoscale: node.autoscale } : {}),
      };
  }
}

/** Numeric leaves keep their place; text (kind, name, verdict) is not averaged. */
type Numeric = number | { [key: string]: Numeric };
const UNAVERAGED: ReadonlySet<string> = new Set<UnaveragedKey>([
  'kind',
  'name',
  'verdict',
  'growingSinceMs',
]);

/** Mean and CI half-width of every numeric leaf across objects of one shape. */
function averageShape(samples: readonly object[]): {
  mean: Record<string, Numeric>;
  ci95: Record<string, Numeric>;
} {
  const fields = samples.map((sample) => new Map<string, unknown>(Object.entries(sample)));
  const mean: Record<string, Numeric> = {};
  const ci95: Record<string, Numeric> = {};
  for (const [key, value] of fields[0] ?? []) {
    if (UNAVERAGED.has(key)) continue;
    if (typeof value === 'number') {
      const stat = meanCi95(fields.map((f) => numberOr0(f.get(key))));
      mean[key] = stat.mean;
      ci95[key] = stat.halfWidth;
    } else if (value !== null && typeof value === 'object') {
      const inner = averageShape(fields.map((f) => objectOrEmpty(f.get(key))));
      mean[key] = inner.mean;
      ci95[key] = inner.ci95;
    }
  }
  return { mean, ci95 };
}

const numberOr0 = (value: unknown): number => (typeof value === 'number' ? value : 0);
const objectOrEmpty = (value: unknown): object =>
  value !== null && typeof value === 'object' ? value : {};

/**
 * The means of a shape's numbers over the samples, and their half-widths as `ci95`.
 * `averageShape` keeps every numeric key and its nesting and drops the rest, which is exactly
 * `Ci95Of<T>`: the one place that says so to the compiler.
 */
function average<T extends object>(samples: readonly object[]): Ci95Of<T> & { ci95: Ci95Of<T> } {
  const { mean, ci95 } = averageShape(samples);
  return { ...mean, ci95 } as unknown as Ci95Of<T> & { ci95: Ci95Of<T> };
}

/** One node over the replications; a queue grows when at least half of them say it does. */
function combineNode(node: NodeSummary, samples: readonly NodeSummary[]): SummaryNode {
  switch (node.kind) {
    case 'producer':
      return { ...node, ...average<ProducerSummary>(samples) };
    case 'worker':
      return { ...node, ...average<WorkerSummary>(samples) };
    case 'queue': {
      const { growingSinceMs: _first, ...queue } = node;
      const growing = samples.filter(
        (n): n is QueueSummary => n.kind === 'queue' && n.verdict === 'growing',
      );
      const combined: SummaryNode & QueueSummary = {
        ...queue,
        ...average<QueueSummary>(samples),
        verdict: growing.length * 2 >= samples.length ? 'growing' : 'stable',
      };
      const since = growing.flatMap((n) =>
        n.growingSinceMs === undefined ? [] : [n.growingSinceMs],
      );
      if (combined.verdict === 'growing' && since.length > 0) {
        combined.growingSinceMs = since.reduce((a, b) => a + b, 0) / since.length;
      }
      return combined;
    }
  }
}

/**
 * Combines replications of one model (same nodes) into one summary: every number is the mean over
 * the replications and each node gains `ci95` with the 95 % Student-t half-widths (docs/architecture.md).
 * A queue is "growing" when at least half of the replications say so; `growingSinceMs` is then
 * the mean over those that do. The seed reported is the first replication's.
 */
export function combineReplications(runs: readonly RunSummary[]): RunSummary {
  const first = runs[0];
  if (!first) throw new Error('combineReplications needs at least one summary');
  if (runs.length === 1) return first;
  const nodes: RunSummary['nodes'] = {};
  for (const [id, node] of Object.entries(first.nodes)) {
    nodes[id] = combineNode(
      node,
      runs.map((r) => r.nodes[id] ?? node),
    );
  }
  const { ci95: endToEndCi95, ...endToEndMs } = average<SummaryStat>(runs.map((r) => r.endToEndMs));
  const stopped = runs.findIndex((r) => r.stoppedEarly);
  return {
    format: 'pipewright-summary/v1',
    mode: first.mode,
    document: first.document,
    durationMs: runs.reduce((a, r) => a + r.durationMs, 0) / runs.length,
    ...(first.seed === undefined ? {} : { seed: first.seed }),
    replications: runs.length,
    nodes,
    endToEndMs,
    endToEndCi95,
    ...(stopped < 0
      ? {}
      : { stoppedEarly: { ...runs[stopped]!.stoppedEarly!, replication: stopped + 1 } }),
    ...(first.scenario ? { scenario: combineScenario(first.scenario, runs) } : {}),
  };
}

type EventNumber = {
  [K in keyof ScenarioEventFigures]-?: ScenarioEventFigures[K] extends number | undefined
    ? K
    : never;
}[keyof ScenarioEventFigures];

/** Figures every event has; the others (drain and failure times) only some replications have. */
const EVENT_NUMBERS: readonly EventNumber[] = [
  'atMs',
  'backlogBefore',
  'peakBacklog',
  'peakAtMs',
  'attempts',
  'retries',
  'jobsEnded',
  'attemptsPerJob',
  'failed',
  'deadLettered',
];
const EVENT_TIMES: readonly EventNumber[] = [
  'drainedAtMs',
  'drainMs',
  'firstFailedAtMs',
  'lastFailedAtMs',
];

/**
 * Each event's figures over the replications: means, the times that only some replications have
 * (a drain, a failure) over those that have them, and `drainedIn`: in how many it drained.
 */
function combineScenario(
  events: readonly ScenarioEventFigures[],
  runs: readonly RunSummary[],
): ScenarioEventFigures[] {
  return events.map((event) => {
    const samples = runs.flatMap((r) => r.scenario?.filter((e) => e.id === event.id) ?? []);
    const mean = (key: EventNumber): number | undefined => {
      const values = samples.flatMap((e) => (e[key] === undefined ? [] : [e[key]]));
      return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
    };
    const out: ScenarioEventFigures = { ...event };
    for (const key of [...EVENT_NUMBERS, ...EVENT_TIMES]) {
      const value = mean(key);
      if (value === undefined) delete out[key];
      else out[key] = value;
    }
    out.drainedIn = samples.filter((e) => e.drainMs !== undefined).length;
    return out;
  });
}
