import { Queue, type Job } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import type { PipelineDocument } from '../../../shared/document';
import type { RunSnapshot, WorkerFigures } from '../../../shared/metrics';
import { simulate } from '../../../shared/simulation';
import { edge, pipeline, producer, queue, worker } from './helpers';

/**
 * Flow documents shared by the runner, generated-code and cluster tests (docs/architecture.md
 * "Flows"), and the check that BullMQ ran them as flows: read back from Redis, every parent ran
 * once, after all of its children had finished.
 */

type Spec = Record<string, unknown>;

/**
 * reports → split, which fans out `children` onto parts (render) and continues as one parent on
 * assemble (merge). `checks` adds a second children edge onto checks (check) with its own options;
 * `renderMs` is a child's service time (longer: parents wait in waiting-children long enough to be
 * seen by a run's counts, read a few times a second).
 */
export function fanOutDoc(
  options: {
    rate?: number;
    children?: Spec;
    checks?: Spec;
    checker?: Spec;
    renderMs?: number;
  } = {},
): PipelineDocument {
  const { rate = 20, children = { children: 4 }, renderMs = 10 } = options;
  // Enough render slots for the children's load at about half busy.
  const renderSlots = Math.max(8, Math.ceil((rate * 4 * renderMs) / 500));
  return pipeline(
    'fan-out',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: rate } }),
      queue('reports'),
      worker('split', { concurrency: 4 }),
      queue('parts'),
      worker('render', { concurrency: renderSlots, service: { type: 'fixed', ms: renderMs } }),
      queue('assemble'),
      worker('merge', { concurrency: 4 }),
      ...(options.checks ? [queue('checks'), worker('check', options.checker ?? {})] : []),
    ],
    [
      edge('p', 'reports'),
      edge('reports', 'split'),
      edge('split', 'parts', { on: 'children', ...children }),
      edge('split', 'assemble', { on: 'parent' }),
      edge('parts', 'render'),
      edge('assemble', 'merge'),
      ...(options.checks
        ? [edge('split', 'checks', { on: 'children', ...options.checks }), edge('checks', 'check')]
        : []),
    ],
  );
}

/**
 * A nested flow: split fans out 2 sections and continues on assemble; each section's worker
 * fans out 1–3 paragraphs and continues on section-done. Assemble waits for the sections and for
 * each section's own parent on section-done.
 */
export function nestedDoc(rate = 10): PipelineDocument {
  return pipeline(
    'nested',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: rate } }),
      queue('reports'),
      worker('split', { concurrency: 4 }),
      queue('sections'),
      worker('section', { concurrency: 4 }),
      queue('paragraphs'),
      worker('write', { concurrency: 8, service: { type: 'fixed', ms: 10 } }),
      queue('section-done'),
      worker('close-section', { concurrency: 4 }),
      queue('assemble'),
      worker('merge', { concurrency: 4 }),
    ],
    [
      edge('p', 'reports'),
      edge('reports', 'split'),
      edge('split', 'sections', { on: 'children', children: 2 }),
      edge('split', 'assemble', { on: 'parent' }),
      edge('sections', 'section'),
      edge('section', 'paragraphs', {
        on: 'children',
        children: { type: 'uniform', min: 1, max: 3 },
      }),
      edge('section', 'section-done', { on: 'parent' }),
      edge('paragraphs', 'write'),
      edge('section-done', 'close-section'),
      edge('assemble', 'merge'),
    ],
  );
}

export interface StoredJob {
  key: string;
  queue: string;
  state: string;
  job: Job;
  /**
   * When Redis first made it active and when it last finished, in ms of Redis's own clock (the
   * ids of its queue's event stream). BullMQ's processedOn and finishedOn are stamped by each
   * worker before its script runs, so across connections they can be out of order by a few ms
   * (3 ms seen here); one server's clock orders the scripts as they ran.
   */
  activeAt?: number;
  finishedAt?: number;
}

const STATES = ['completed', 'failed', 'waiting-children', 'wait', 'active', 'delayed'] as const;

/** Per job id, its first `active` and last `completed`/`failed` event time on Redis's clock. */
async function eventTimes(connection: Redis | Cluster, prefix: string, queue: string) {
  const times = new Map<string, { activeAt?: number; finishedAt?: number }>();
  for (const [id, fields] of await connection.xrange(`${prefix}:${queue}:events`, '-', '+')) {
    const at = Number(id.split('-')[0]);
    const field = (name: string) => fields[fields.indexOf(name) + 1];
    const event = field('event');
    const jobId = field('jobId');
    if (!jobId) continue;
    const t = times.get(jobId) ?? times.set(jobId, {}).get(jobId)!;
    if (event === 'active' && t.activeAt === undefined) t.activeAt = at;
    if (event === 'completed' || event === 'failed') t.finishedAt = at;
  }
  return times;
}

/** Every job of the given queues, as BullMQ stores them, by key (`<prefix>:<queue>:<id>`). */
export async function readJobs(
  connection: Redis | Cluster,
  prefix: string,
  queues: readonly string[],
): Promise<Map<string, StoredJob>> {
  const all = new Map<string, StoredJob>();
  for (const name of queues) {
    const q = new Queue(name, { connection, prefix });
    const times = await eventTimes(connection, prefix, name);
    try {
      for (const state of STATES) {
        for (const job of await q.getJobs([state], 0, -1)) {
          const key = `${prefix}:${name}:${job.id}`;
          all.set(key, { key, queue: name, state, job, ...times.get(job.id!) });
        }
      }
    } finally {
      await q.close();
    }
  }
  return all;
}

/** The jobs whose parent is each job: children, and the parents of nested flows. */
export function childrenByParent(jobs: Map<string, StoredJob>): Map<string, StoredJob[]> {
  const by = new Map<string, StoredJob[]>();
  for (const j of jobs.values()) {
    const parent = j.job.parentKey;
    if (parent) (by.get(parent) ?? by.set(parent, []).get(parent)!).push(j);
  }
  return by;
}

/**
 * For each completed job of `parentQueue`: it became active only after every job it waited for
 * had finished, on Redis's clock. Returns the parents, how many jobs each waited for, and every
 * parent that ran too early (or whose times the event stream lacks).
 */
export function checkParents(
  jobs: Map<string, StoredJob>,
  parentQueue: string,
): { parents: StoredJob[]; waitedFor: number[]; early: string[] } {
  const by = childrenByParent(jobs);
  const parents = [...jobs.values()].filter((j) => j.queue === parentQueue);
  const early: string[] = [];
  const waitedFor = parents.map((p) => {
    const children = by.get(p.key) ?? [];
    if (p.state !== 'completed') return children.length;
    for (const c of children) {
      if (p.activeAt === undefined || c.finishedAt === undefined || !(p.activeAt >= c.finishedAt)) {
        early.push(`${p.key} ran at ${p.activeAt}, before ${c.key} finished (${c.finishedAt})`);
      }
    }
    return children.length;
  });
  return { parents, waitedFor, early };
}

/** The snapshots from 1 s into the run until producing stopped (the last one before stop). */
export function snapshotsWhileRunning(snapshots: RunSnapshot[], untilMs = 5900): RunSnapshot[] {
  return snapshots.filter((s) => s.t >= 1000 && s.t <= untilMs);
}

/** Completions per second of a worker between the first and the last of `snapshots`. */
export function completionsPerSec(snapshots: RunSnapshot[], id: string): number {
  const done = (s: RunSnapshot) => (s.nodes[id] as WorkerFigures).completed;
  const first = snapshots[0]!;
  const last = snapshots.at(-1)!;
  return ((done(last) - done(first)) * 1000) / (last.t - first.t);
}

/** The simulator's throughput of each worker, over a long horizon (its mean is exact here). */
export function predictedThroughput(doc: PipelineDocument, ids: readonly string[]) {
  const predicted = simulate(doc, { durationMs: 60_000, seed: 1 });
  return Object.fromEntries(
    ids.map((id) => {
      const node = predicted.nodes[id]!;
      if (node.kind !== 'worker') throw new Error(`${id} is not a worker`);
      return [id, node.throughputPerSec];
    }),
  );
}
