import type { Calibration, PipelineDocument, Settings } from '../document/schema';
import { layeredPositions } from '../layout/layered';
import { buildModel } from './build-document';
import { inferEdges, type EdgeInferenceOptions } from './infer-edges';
import type {
  CalibrationReport,
  CalibrationResult,
  FittedValue,
  Observations,
} from './observations';
import { queueSamples, type QueueSamples } from './samples';
import { mean, Z95 } from './stats';

export type * from './observations';
export { detectDrift, type DriftFlag } from './drift';
export { predictCalibrated, type PredictionRow } from './predict';
export { fitArrivals, type ArrivalFit } from './fit-arrivals';
export { fitService, type ServiceFit } from './fit-service';
export { THIN_SAMPLE } from './build-document';

export interface CalibrateOptions {
  edges?: EdgeInferenceOptions;
  /** Skip the auto-layout (every node at 0, 0): for callers that lay out themselves. */
  layout?: boolean;
}

/** Throughput from event times: (n − 1) gaps over their span, so a trimmed history is not diluted. */
function perSecond(times: readonly number[]): number {
  if (times.length < 2) return 0;
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  return hi > lo ? ((times.length - 1) * 1000) / (hi - lo) : 0;
}

/** Settings for the document: the prefix, unwrapped from a cluster hash tag when it is one. */
function settingsOf(observations: Observations, warnings: string[]): Settings {
  const tagged = /^\{([^:{}\s]{1,64})\}$/.exec(observations.prefix);
  const prefix = tagged ? tagged[1]! : observations.prefix;
  const settings: Settings = {};
  if (/^rediss?:\/\/\S+$/.test(observations.redis) && !observations.redis.includes('***')) {
    settings.redisUrl = observations.redis;
  }
  if (/^[^:{}\s]{1,64}$/.test(prefix)) settings.prefix = prefix;
  else
    warnings.push(
      `the prefix ${JSON.stringify(observations.prefix)} cannot be stored in a pipeline; set it by hand`,
    );
  if (tagged) settings.cluster = true;
  return settings;
}

/**
 * Producer rates in the first and second half of their span: a difference beyond what Poisson
 * noise allows at 95 % (|n₁ − n₂| > 1.96 √(n₁ + n₂)) means the rate drifted during the window.
 */
function driftWarnings(
  observations: Observations,
  samples: ReadonlyMap<string, QueueSamples>,
): string[] {
  const out: string[] = [];
  for (const queue of observations.queues) {
    const byName = new Map<string, number[]>();
    for (const c of samples.get(queue.name)!.created) {
      (byName.get(c.name) ?? byName.set(c.name, []).get(c.name)!).push(c.at);
    }
    for (const [name, times] of byName) {
      if (times.length < 30 || queue.schedulers.some((s) => s.name === name)) continue;
      const lo = Math.min(...times);
      const mid = (lo + Math.max(...times)) / 2;
      const first = times.filter((t) => t < mid).length;
      const second = times.length - first;
      if (Math.abs(first - second) > Z95 * Math.sqrt(first + second)) {
        out.push(
          `jobs ${JSON.stringify(name)} in ${queue.name}: the rate drifted during the window (${first} jobs in the first half, ${second} in the second); the fitted rate is an average`,
        );
      }
    }
  }
  return out;
}

function calibrationField(
  doc: PipelineDocument,
  observations: Observations,
  values: FittedValue[],
  window: Calibration['source'],
): Calibration {
  const nodeIds = new Set([...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)]);
  return {
    source: window,
    fields: values
      .filter((v) => nodeIds.has(v.nodeId))
      .map((v) => {
        const field: Calibration['fields'][number] = {
          nodeId: v.nodeId,
          field: v.field,
          sample: Math.max(0, Math.round(v.sample)),
        };
        if (v.estimate !== undefined && Number.isFinite(v.estimate)) field.estimate = v.estimate;
        if (v.ci95 && v.ci95.every(Number.isFinite)) field.ci95 = v.ci95;
        if (v.ks !== undefined && Number.isFinite(v.ks)) field.ks = Math.min(1, Math.max(0, v.ks));
        return field;
      }),
  };
}

/**
 * The measured model of a deployment (docs/architecture.md "Calibration"): fits every queue's
 * arrivals, service times, failures and options, infers the edges between queues, builds a
 * `pipewright/v1` document laid out left to right, and reports the evidence for each number.
 */
export async function calibrate(
  observations: Observations,
  options: CalibrateOptions = {},
): Promise<CalibrationResult> {
  const samples = new Map(observations.queues.map((q) => [q.name, queueSamples(q)] as const));
  const inference = inferEdges(samples, options.edges);
  const built = buildModel(observations, samples, inference);
  const warnings = [...observations.notes, ...built.warnings];
  let lo = observations.window.fromMs;
  let hi = observations.window.toMs;
  for (const s of samples.values()) {
    for (const c of s.created) lo = Math.min(lo, c.at);
    for (const t of s.completedAt) hi = Math.max(hi, t);
  }
  for (const [name, s] of samples) {
    if (s.retriedSkipped > 0) {
      warnings.push(
        `${name}: ${s.retriedSkipped} jobs ran more than once; their times are left out of service and wait (a retry overwrites processedOn)`,
      );
    }
    if (s.fromEvents > 0) {
      warnings.push(
        `${name}: ${s.fromEvents} jobs were no longer stored (removeOnComplete / removeOnFail); they were read from the events captured while listening`,
      );
    }
  }
  const queuesRemoving = observations.queues.filter((q) =>
    q.jobs.some((j) => j.opts.removeOnComplete === true),
  );
  for (const q of queuesRemoving) {
    if (observations.listenedMs === 0) {
      warnings.push(
        `${q.name}: removeOnComplete is true, so completed jobs are deleted; without listening, only the jobs still in the queue were seen`,
      );
    }
  }
  warnings.push(...driftWarnings(observations, samples));
  for (const v of built.values) warnings.push(...v.warnings);
  const document = built.document;
  document.settings = settingsOf(observations, warnings);
  document.calibration = calibrationField(document, observations, built.values, {
    redis: observations.redis,
    prefix: observations.prefix,
    fromMs: lo,
    toMs: hi,
  });
  if (options.layout !== false && document.nodes.length > 0) {
    const positions = await layeredPositions(document);
    for (const node of document.nodes) node.position = positions.get(node.id) ?? node.position;
  }
  const report: CalibrationReport = {
    redis: observations.redis,
    prefix: observations.prefix,
    window: { fromMs: lo, toMs: hi },
    listenedMs: observations.listenedMs,
    values: built.values,
    inferredEdges: inference.edges,
    warnings,
    arrivals: Object.fromEntries(
      Object.entries(built.arrivals).map(([id, times]) => [id, times.map((t) => t - lo)]),
    ),
    measured: observations.queues.map((q) => {
      const s = samples.get(q.name)!;
      return {
        queue: q.name,
        throughputPerSec: perSecond(s.completedAt),
        meanWaitMs: s.waitMs.length > 0 ? mean(s.waitMs) : null,
        failedPerSec: perSecond(s.failedAt),
      };
    }),
  };
  return { document, report };
}
