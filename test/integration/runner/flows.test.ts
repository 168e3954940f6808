import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { deleteKeysByPrefix } from '../../../main/redis/keys';
import type { PipelineDocument } from '../../../shared/document';
import type { QueueFigures, RunSummary } from '../../../shared/metrics';
import {
  checkParents,
  childrenByParent,
  completionsPerSec,
  fanOutDoc,
  nestedDoc,
  predictedThroughput,
  readJobs,
  snapshotsWhileRunning,
} from './flows-support';
import { keysUnder, recordingService, sleep } from './helpers';

/**
 * BullMQ flows in a real run (docs/architecture.md "Flows"): the runner adds each fan-out with a
 * FlowProducer, and Redis shows every parent ran once, after all its children finished; the
 * measured throughput matches the simulator's.
 */

const redisUrl = inject('redisUrl');
let client: Redis;
let env: ReturnType<typeof recordingService> | undefined;
const prefixes: string[] = [];

beforeAll(() => {
  client = new Redis(redisUrl);
});
afterEach(async () => {
  await env?.close();
  env = undefined;
});
afterAll(async () => {
  for (const prefix of prefixes) await deleteKeysByPrefix(client, prefix);
  client.disconnect();
});

/** How long a measured run produces: long enough that a lagging load generator's catch-up is noise. */
const MEASURED_MS = 8000;

/** Runs `doc` for `ms` with load, drains it and keeps its keys for inspection. */
async function runFlow(doc: PipelineDocument, ms = MEASURED_MS) {
  env = recordingService(redisUrl);
  const info = await env.service.start({ document: doc, keepKeys: true });
  prefixes.push(info.prefix);
  await sleep(ms);
  const result = await env.service.stop({ drain: true, keepKeys: true });
  expect(result.drained).toBe(true);
  const queues = doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.name);
  const jobs = await readJobs(client, info.prefix, queues);
  return { summary: result.summary, jobs, snapshots: env.snapshots.map((s) => s.snapshot) };
}

const worker = (summary: RunSummary, id: string) => {
  const node = summary.nodes[id]!;
  if (node.kind !== 'worker') throw new Error(id);
  return node;
};

/** Measured against predicted throughput, each within 5 %; returns the figures for the report. */
function expectThroughput(
  doc: PipelineDocument,
  snapshots: Parameters<typeof snapshotsWhileRunning>[0],
  ids: string[],
) {
  const predicted = predictedThroughput(doc, ids);
  const running = snapshotsWhileRunning(snapshots, MEASURED_MS - 100);
  const figures = ids.map((id) => ({
    id,
    measured: completionsPerSec(running, id),
    predicted: predicted[id]!,
  }));
  console.log(`${doc.name} throughput (jobs/s):`, JSON.stringify(figures));
  for (const f of figures) {
    expect(Math.abs(f.measured / f.predicted - 1), JSON.stringify(f)).toBeLessThan(0.05);
  }
}

describe('flows in a real run', () => {
  it('fans out 4 children per job; each parent completes once, after all of them', async () => {
    // Children of 200 ms: about 4 parents wait at any time, which the run's counts must see.
    const doc = fanOutDoc({ renderMs: 200 });
    const { summary, jobs, snapshots } = await runFlow(doc);
    const split = worker(summary, 'split').completed;
    expect(split).toBeGreaterThan(100);
    expect(worker(summary, 'render').completed).toBe(4 * split);
    expect(worker(summary, 'merge').completed).toBe(split);
    expect(summary.reconciled).toBe(true);
    const { parents, waitedFor, early } = checkParents(jobs, 'assemble');
    expect(parents.map((p) => p.state)).toEqual(parents.map(() => 'completed'));
    expect(parents.every((p) => p.activeAt !== undefined)).toBe(true);
    expect(parents).toHaveLength(split);
    expect(waitedFor.every((n) => n === 4)).toBe(true);
    expect(early).toEqual([]);
    // Every child ran once and its value reached its parent.
    for (const p of parents.slice(0, 5)) {
      expect(Object.keys(await p.job.getChildrenValues())).toHaveLength(4);
    }
    // Parents waited in waiting-children while their children ran: sampled live and summarised.
    const assemble = summary.nodes.assemble!;
    expect(assemble.kind === 'queue' && assemble.waitingChildren!.max).toBeGreaterThan(0);
    const live = snapshots.map((s) => (s.nodes.assemble as QueueFigures).waitingChildren);
    expect(live.every((n) => typeof n === 'number')).toBe(true);
    expect(Math.max(...(live as number[]))).toBeGreaterThan(0);
    expect((snapshots.at(-1)!.nodes.parts as QueueFigures).waitingChildren).toBeUndefined();
    expectThroughput(doc, snapshots, ['split', 'render', 'merge']);
  });

  it('runs nested flows: the outer parent also waits for each child’s own parent', async () => {
    const doc = nestedDoc();
    const { summary, jobs, snapshots } = await runFlow(doc);
    const reports = worker(summary, 'split').completed;
    expect(reports).toBeGreaterThan(40);
    expect(worker(summary, 'section').completed).toBe(2 * reports);
    expect(worker(summary, 'close-section').completed).toBe(2 * reports);
    expect(worker(summary, 'merge').completed).toBe(reports);
    const paragraphs = worker(summary, 'write').completed;
    expect(paragraphs).toBeGreaterThanOrEqual(2 * reports);
    expect(paragraphs).toBeLessThanOrEqual(6 * reports);

    const outer = checkParents(jobs, 'assemble');
    expect(outer.early).toEqual([]);
    // Two sections and the two section parents they handed their place to.
    expect(outer.waitedFor.every((n) => n === 4)).toBe(true);
    expect(outer.parents.every((p) => p.state === 'completed')).toBe(true);
    const inner = checkParents(jobs, 'section-done');
    expect(inner.early).toEqual([]);
    expect(inner.parents).toHaveLength(2 * reports);
    expect(inner.waitedFor.every((n) => n >= 1 && n <= 3)).toBe(true);
    expect(inner.waitedFor.reduce((a, b) => a + b, 0)).toBe(paragraphs);
    // Uniform 1..3 draws every count.
    expect(new Set(inner.waitedFor)).toEqual(new Set([1, 2, 3]));
    expectThroughput(doc, snapshots, ['split', 'section', 'close-section', 'merge']);
  });

  it('failParentOnFailure: a child failing for good fails its parent, whose processor never runs', async () => {
    const doc = fanOutDoc({
      rate: 10,
      checks: { children: 1, childFailure: 'failParentOnFailure' },
      checker: { failureRate: 1 },
    });
    const { summary, jobs, snapshots } = await runFlow(doc, 3000);
    const split = worker(summary, 'split').completed;
    expect(split).toBeGreaterThan(20);
    expect(worker(summary, 'check').failed).toBe(split);
    // BullMQ hands each such parent to a worker only to fail it, without running the processor:
    // the failures are the queue's, not merge's, as the simulator counts them.
    expect(worker(summary, 'merge')).toMatchObject({ completed: 0, failed: 0 });
    const assemble = snapshots.at(-1)!.nodes.assemble as QueueFigures;
    expect(assemble).toMatchObject({ completed: 0, failed: split });
    const { parents } = checkParents(jobs, 'assemble');
    const children = childrenByParent(jobs);
    expect(parents).toHaveLength(split);
    for (const p of parents) {
      expect(p.state).toBe('failed');
      const failed = children.get(p.key)!.find((c) => c.queue === 'checks')!;
      expect(p.job.failedReason).toBe(`child ${failed.key} failed`);
      expect(p.finishedAt).toBeGreaterThanOrEqual(failed.finishedAt!);
    }
  });

  it.each([
    ['ignoreDependencyOnFailure', 2],
    ['removeDependencyOnFailure', 0],
  ] as const)(
    '%s: the parent runs once every child is done, failed or not',
    async (childFailure, ignored) => {
      const doc = fanOutDoc({
        checks: { children: 2, childFailure },
        checker: { failureRate: 1 },
      });
      const { summary, jobs, snapshots } = await runFlow(doc);
      const split = worker(summary, 'split').completed;
      expect(worker(summary, 'check').failed).toBe(2 * split);
      expect(worker(summary, 'merge').completed).toBe(split);
      const { parents, early } = checkParents(jobs, 'assemble');
      expect(early).toEqual([]);
      expect(parents.every((p) => p.state === 'completed')).toBe(true);
      // The two differ only in what the parent can read of its failed children.
      const sample = parents[0]!.job;
      expect(Object.keys(await sample.getChildrenValues())).toHaveLength(4);
      expect(Object.keys(await sample.getIgnoredChildrenFailures())).toHaveLength(ignored);
      expectThroughput(doc, snapshots, ['split', 'render', 'merge']);
    },
  );

  it('removes every key of a run with flows at stop, parents waiting for ever included', async () => {
    // A child that fails for good without a policy leaves its parent in waiting-children.
    const doc = fanOutDoc({ checks: { children: 1 }, checker: { failureRate: 1 } });
    env = recordingService(redisUrl);
    const info = await env.service.start({ document: doc });
    await sleep(1500);
    const result = await env.service.stop({ drain: true });
    expect(result.drained).toBe(true);
    const assemble = result.summary.nodes.assemble!;
    expect(assemble.kind === 'queue' && assemble.waitingChildren!.max).toBeGreaterThan(10);
    expect(worker(result.summary, 'merge').completed).toBe(0);
    expect(result.keysRemoved).toBeGreaterThan(0);
    expect(await keysUnder(redisUrl, info.prefix)).toEqual([]);
  });
});
