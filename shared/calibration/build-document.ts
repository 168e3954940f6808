import type {
  PipelineDocument,
  PipelineEdge,
  PipelineNode,
  ProducerNode,
  QueueNode,
  WorkerNode,
} from '../document/schema';
import { FORMAT } from '../document/schema';
import { idFromName, uniqueName } from '../document/names';
import { fitArrivals } from './fit-arrivals';
import { producerJobOptions, queueOptions } from './fit-options';
import { fitService } from './fit-service';
import type { EdgeInference } from './infer-edges';
import type { FittedValue, Observations, ObservedQueue } from './observations';
import type { QueueSamples } from './samples';
import { significant, wilson95 } from './stats';

/** Below this many observations a fitted number is flagged as resting on a thin sample. */
export const THIN_SAMPLE = 30;

export interface BuiltModel {
  document: PipelineDocument;
  values: FittedValue[];
  warnings: string[];
  /** Node ids of each queue's node and worker, by queue name. */
  queueIds: Map<string, { queue: string; worker?: string }>;
}

const thin = (what: string, n: number): string[] =>
  n < THIN_SAMPLE
    ? [
        `${what} rests on ${n} observation${n === 1 ? '' : 's'} (fewer than ${THIN_SAMPLE}): treat it as a rough guess`,
      ]
    : [];

const at = { x: 0, y: 0 };

class Ids {
  private readonly taken = new Set<string>();
  next(name: string): string {
    const id = uniqueName(idFromName(name), this.taken);
    this.taken.add(id);
    return id;
  }
}

function workerNode(
  queue: ObservedQueue,
  s: QueueSamples,
  id: string,
  values: FittedValue[],
): WorkerNode {
  const replicas = Math.min(1_000, Math.max(1, queue.workers.length));
  // Registrations give the worker processes, not their concurrency: the most jobs seen active at
  // once, spread over the replicas, is the least concurrency that explains what was seen.
  const concurrency = Math.min(
    10_000,
    Math.max(1, Math.ceil(queue.maxActiveSeen / replicas), queue.meta.concurrency ?? 0),
  );
  const fit = fitService(s.serviceMs);
  const config: WorkerNode['config'] = {
    concurrency,
    replicas,
    service: fit?.service ?? { type: 'fixed', ms: 0 },
  };
  const failureRate = s.attempts > 0 ? s.failedAttempts / s.attempts : 0;
  if (failureRate > 0) config.failureRate = significant(failureRate);
  const where = `worker of ${queue.name}`;
  values.push({
    nodeId: id,
    field: 'replicas',
    value: replicas,
    sample: queue.workers.length,
    warnings:
      queue.workers.length === 0
        ? [`${where}: no worker was connected while reading; assumed 1 replica`]
        : [],
  });
  values.push({
    nodeId: id,
    field: 'concurrency',
    value: concurrency,
    sample: queue.maxActiveSeen,
    warnings: [
      `${where}: concurrency is the most jobs seen active at once (${queue.maxActiveSeen}) over ${replicas} replica${replicas === 1 ? '' : 's'}; under a light load it is a lower bound`,
    ],
  });
  if (fit) {
    values.push({
      nodeId: id,
      field: 'service',
      value: config.service,
      sample: fit.sample,
      ks: fit.ks,
      candidates: fit.candidates,
      histogram: fit.histogram,
      estimate: fit.meanMs,
      ci95: fit.ci95,
      warnings: thin(`${where}: the service time`, fit.sample),
    });
  } else {
    values.push({
      nodeId: id,
      field: 'service',
      value: config.service,
      sample: 0,
      warnings: [
        `${where}: no job finished in a single attempt, so its service time is unknown (set to 0 ms)`,
      ],
    });
  }
  const ci = wilson95(s.failedAttempts, s.attempts);
  values.push({
    nodeId: id,
    field: 'failureRate',
    value: config.failureRate ?? 0,
    sample: s.attempts,
    estimate: failureRate,
    ci95: ci,
    warnings: thin(`${where}: the failure rate`, s.attempts),
  });
  return { id, kind: 'worker', name: `${queue.name} worker`, position: at, config };
}

function producerNodes(
  queue: ObservedQueue,
  s: QueueSamples,
  explained: ReadonlySet<string> | undefined,
  ids: Ids,
  names: Set<string>,
  values: FittedValue[],
): ProducerNode[] {
  const byName = new Map<string, number[]>();
  for (const c of s.created) {
    if (explained?.has(c.id)) continue;
    (byName.get(c.name) ?? byName.set(c.name, []).get(c.name)!).push(c.at);
  }
  for (const sch of queue.schedulers) if (!byName.has(sch.name)) byName.set(sch.name, []);
  const out: ProducerNode[] = [];
  for (const [jobName, times] of byName) {
    const scheduler = queue.schedulers.find((x) => x.name === jobName);
    const fit = fitArrivals(times, scheduler);
    if (!fit) continue;
    const label = jobName === '' ? `${queue.name} jobs` : jobName;
    const name = uniqueName(label, names);
    names.add(name);
    const id = ids.next(`${name}-producer`);
    const jobs = queue.jobs.filter((j) => j.name === jobName && !explained?.has(j.id));
    const options = producerJobOptions(jobs, `jobs ${JSON.stringify(jobName)} in ${queue.name}`);
    const config: ProducerNode['config'] = {
      jobName: jobName === '' ? 'job' : jobName,
      arrival: fit.arrival,
    };
    if (Object.keys(options.config).length > 0) config.jobOptions = options.config;
    if (scheduler?.limit !== undefined && scheduler.limit >= 1) config.limit = scheduler.limit;
    out.push({ id, kind: 'producer', name, position: at, config });
    values.push({
      nodeId: id,
      field: 'arrival',
      value: fit.arrival,
      sample: fit.sample,
      ks: fit.ks,
      candidates: fit.candidates,
      histogram: fit.histogram,
      estimate: fit.ratePerSec,
      ci95: fit.ci95,
      warnings: [
        ...(scheduler ? [] : thin(`${name}: the arrival rate`, fit.sample)),
        ...options.warnings,
      ],
    });
  }
  return out;
}

/** The pipeline that reproduces the deployment: a queue per queue, its worker group, producers, edges. */
export function buildModel(
  observations: Observations,
  samples: ReadonlyMap<string, QueueSamples>,
  inference: EdgeInference,
): BuiltModel {
  const ids = new Ids();
  const values: FittedValue[] = [];
  const warnings: string[] = [];
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const queueIds = new Map<string, { queue: string; worker?: string }>();
  const producerNames = new Set<string>(observations.queues.map((q) => q.name));
  const edge = (from: string, to: string, extra: Partial<PipelineEdge> = {}) => {
    const e: PipelineEdge = { id: ids.next(`${from}-to-${to}`), from, to, ...extra };
    edges.push(e);
    return e;
  };
  for (const queue of observations.queues) {
    const s = samples.get(queue.name)!;
    const options = queueOptions(queue);
    warnings.push(...options.warnings);
    const q: QueueNode = {
      id: ids.next(queue.name),
      kind: 'queue',
      name: queue.name,
      position: at,
      config: options.config,
    };
    nodes.push(q);
    for (const [field, sample] of Object.entries(options.samples)) {
      values.push({
        nodeId: q.id,
        field,
        value: (options.config as Record<string, unknown>)[field] ?? null,
        sample,
        warnings: [],
      });
    }
    const consumed = queue.workers.length > 0 || s.serviceMs.length > 0 || s.attempts > 0;
    let workerId: string | undefined;
    if (consumed) {
      const w = workerNode(queue, s, ids.next(`${queue.name}-worker`), values);
      nodes.push(w);
      edge(q.id, w.id);
      workerId = w.id;
    }
    queueIds.set(queue.name, { queue: q.id, worker: workerId });
    for (const p of producerNodes(
      queue,
      s,
      inference.explained.get(queue.name),
      ids,
      producerNames,
      values,
    )) {
      nodes.push(p);
      edge(p.id, q.id);
    }
  }
  for (const inferred of inference.edges) {
    const from = queueIds.get(inferred.from)?.worker;
    const to = queueIds.get(inferred.to)?.queue;
    if (!from || !to) continue;
    const extra: Partial<PipelineEdge> = {};
    if (inferred.on === 'failed') extra.on = 'failed';
    // A probability that is 1 within rounding is left out: the document's default.
    const p = significant(inferred.probability, 2);
    if (p < 0.995) extra.probability = p;
    const e = edge(from, to, extra);
    values.push({
      nodeId: e.id,
      field: 'probability',
      value: inferred.probability,
      sample: inferred.matched ?? 0,
      estimate: inferred.probability,
      warnings: [],
    });
  }
  const document: PipelineDocument = {
    format: FORMAT,
    name: `${observations.prefix} at ${observations.redis}`.slice(0, 200),
    settings: { prefix: observations.prefix },
    nodes,
    edges,
  };
  return { document, values, warnings, queueIds };
}
