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
import { mean, significant, wilson95 } from './stats';

/** Below this many observations a fitted number is flagged as resting on a thin sample. */
export const THIN_SAMPLE = 30;
/** Unexplained jobs of a name below this share of it, when an edge explains the rest, are strays. */
const STRAY_SHARE = 0.05;

export interface BuiltModel {
  document: PipelineDocument;
  values: FittedValue[];
  warnings: string[];
  /** Node ids of each queue's node and worker, by queue name. */
  queueIds: Map<string, { queue: string; worker?: string }>;
  /**
   * Creation times (epoch ms, ascending) per producer id of the jobs it stands for, and per queue
   * id of the jobs that came from edges.
   */
  arrivals: Record<string, number[]>;
}

const thin = (what: string, n: number): string[] =>
  n < THIN_SAMPLE
    ? [
        `${what} rests on ${n} observation${n === 1 ? '' : 's'} (fewer than ${THIN_SAMPLE}): treat it as a rough guess`,
      ]
    : [];

const at = { x: 0, y: 0 };

/** Whether jobs waited a tenth of a service time or more on average: the workers filled up. */
const saturated = (s: QueueSamples): boolean =>
  s.waitMs.length > 0 && s.serviceMs.length > 0 && mean(s.waitMs) >= 0.1 * mean(s.serviceMs);

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
    // Jobs that waited mean every slot was busy at times, so the most seen active is the
    // limit; jobs that hardly waited never found the workers full, and it is only a floor.
    warnings: saturated(s)
      ? []
      : [
          `${where}: jobs hardly waited, so the workers were never seen full; concurrency ${concurrency} is the most jobs seen active at once (${queue.maxActiveSeen}) over ${replicas} replica${replicas === 1 ? '' : 's'}, a lower bound`,
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
  warnings: string[],
  arrivals: Record<string, number[]>,
  queueId: string,
): { producers: ProducerNode[]; strays: number } {
  let strays = 0;
  const byName = new Map<string, number[]>();
  const explainedByName = new Map<string, number>();
  for (const c of s.created) {
    if (explained?.has(c.id)) explainedByName.set(c.name, (explainedByName.get(c.name) ?? 0) + 1);
    else (byName.get(c.name) ?? byName.set(c.name, []).get(c.name)!).push(c.at);
  }
  for (const [jobName, times] of byName) {
    const passedOn = explainedByName.get(jobName) ?? 0;
    // A few jobs an edge missed (a handler that took unusually long to finish after adding
    // them) are no producer of their own.
    if (passedOn > 0 && times.length < STRAY_SHARE * (times.length + passedOn)) {
      byName.delete(jobName);
      strays += times.length;
      warnings.push(
        `jobs ${JSON.stringify(jobName)} in ${queue.name}: ${times.length} of ${times.length + passedOn} matched no inferred edge; they are counted with the edge, not as a producer`,
      );
    }
  }
  // What no producer stands for came from edges (or strays counted with them).
  const passed = s.created.filter((c) => explained?.has(c.id) || !byName.has(c.name));
  if (passed.length > 0) {
    arrivals[queueId] = passed.map((c) => c.at).sort((a, b) => a - b);
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
    arrivals[id] = [...times].sort((a, b) => a - b);
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
  return { producers: out, strays };
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
  const strayCount = new Map<string, number>();
  const producerNames = new Set<string>(observations.queues.map((q) => q.name));
  const arrivals: Record<string, number[]> = {};
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
    const { producers, strays } = producerNodes(
      queue,
      s,
      inference.explained.get(queue.name),
      ids,
      producerNames,
      values,
      warnings,
      arrivals,
      q.id,
    );
    if (strays > 0) strayCount.set(queue.name, strays);
    for (const p of producers) {
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
    const strays = strayCount.get(inferred.to) ?? 0;
    if (strays > 0 && inference.edges.filter((e) => e.to === inferred.to).length === 1) {
      // No producer carries the strays: the one edge into the queue must, to keep its rate.
      const source = samples.get(inferred.from)!;
      const ends = (inferred.on === 'failed' ? source.failedAt : source.completedAt).length;
      const jobs = samples.get(inferred.to)!.created.length;
      if (ends > 0) inferred.probability = Math.min(1, jobs / ends);
    }
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
  return { document, values, warnings, queueIds, arrivals };
}
