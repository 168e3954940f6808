import { rmSync } from 'node:fs';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { removeKeysAt } from '../../../main/redis/keys';
import type { PipelineDocument } from '../../../shared/document';
import {
  checkParents,
  childrenByParent,
  fanOutDoc,
  nestedDoc,
  predictedThroughput,
  readJobs,
  type StoredJob,
} from '../runner/flows-support';
import { buildProject, runProject, type RunTarget } from './support/run-project';

/**
 * Generated projects with BullMQ flows, built with tsc and run as a user runs them (the workers
 * and the load script) on a real Redis and a real Redis Cluster: every parent runs once, after
 * all its children finished (on Redis's clock), counts are exact, and throughput is the
 * simulator's.
 */

let redis: Redis;
let redisUrl: string;
const dirs: string[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(() => {
  redisUrl = inject('redisUrl');
  redis = new Redis(redisUrl);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await redis.quit();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Builds and runs `doc` for `seconds` of load; returns its jobs as Redis keeps them. */
async function runGenerated(doc: PipelineDocument, label: string, target: RunTarget, seconds = 4) {
  const project = await buildProject(doc, label, dirs);
  let prefix = '';
  const result = await runProject(project, doc, target, {
    seconds,
    onPrefix: (p) => {
      prefix = p;
      cleanups.push(() => removeKeysAt(target.url, p));
    },
  });
  const queues = doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.name);
  const jobs = await readJobs(target.client, prefix, queues);
  return { ...result, jobs };
}

/** The test's single Redis. */
const local = (): RunTarget => ({ url: redisUrl, client: redis });

const inQueue = (jobs: Map<string, StoredJob>, queue: string) =>
  [...jobs.values()].filter((j) => j.queue === queue);

/**
 * Each worker's completions per second, on Redis's clock, between its first and its last
 * completion: a worker finishing m jobs per report (m children, say) finishes (done − m) of them
 * after its first batch. Checked within 5 % of the simulator's; the figures are printed for the
 * report.
 */
function expectThroughput(doc: PipelineDocument, jobs: Map<string, StoredJob>, workers: string[]) {
  const predicted = predictedThroughput(doc, workers);
  // Reports per second: split takes each report once.
  const reportRate = predictedThroughput(doc, ['split']).split!;
  const queueOf = (id: string) => doc.edges.find((e) => e.to === id && e.on === undefined)!.from;
  const figures = workers.map((id) => {
    const done = inQueue(jobs, queueOf(id))
      .filter((j) => j.state === 'completed')
      .map((j) => j.finishedAt!);
    const perReport = Math.round(predicted[id]! / reportRate);
    const spanMs = Math.max(...done) - Math.min(...done);
    return { id, measured: ((done.length - perReport) * 1000) / spanMs, predicted: predicted[id]! };
  });
  console.log(`generated ${doc.name} throughput (jobs/s):`, JSON.stringify(figures));
  for (const f of figures) {
    expect(Math.abs(f.measured / f.predicted - 1), JSON.stringify(f)).toBeLessThan(0.05);
  }
}

describe('generated code runs BullMQ flows', () => {
  it('fan-out of 4 children then a parent: each parent completes once, after all of them', async () => {
    const doc = fanOutDoc();
    const { jobs, completed, sent } = await runGenerated(doc, 'fan-out', local());
    const reports = sent.p!;
    expect(reports).toBeGreaterThan(60);
    expect(completed.get('reports')).toBe(reports);
    expect(completed.get('parts')).toBe(4 * reports);
    expect(completed.get('assemble')).toBe(reports);
    const { parents, waitedFor, early } = checkParents(jobs, 'assemble');
    expect(parents).toHaveLength(reports);
    expect(parents.every((p) => p.state === 'completed')).toBe(true);
    expect(waitedFor.every((n) => n === 4)).toBe(true);
    expect(early).toEqual([]);
    // The parent's handler got its children's values (the data they returned).
    const values = await parents[0]!.job.getChildrenValues();
    expect(Object.values(values)).toEqual([{}, {}, {}, {}]);
    expectThroughput(doc, jobs, ['split', 'render', 'merge']);
  });

  it('nested flows: the outer parent also waits for each section’s own parent', async () => {
    const doc = nestedDoc();
    const { jobs, completed, sent } = await runGenerated(doc, 'nested', local());
    const reports = sent.p!;
    expect(reports).toBeGreaterThan(30);
    expect(completed.get('sections')).toBe(2 * reports);
    expect(completed.get('section-done')).toBe(2 * reports);
    expect(completed.get('assemble')).toBe(reports);
    const outer = checkParents(jobs, 'assemble');
    expect(outer.early).toEqual([]);
    expect(outer.waitedFor.every((n) => n === 4)).toBe(true);
    const inner = checkParents(jobs, 'section-done');
    expect(inner.early).toEqual([]);
    expect(inner.parents).toHaveLength(2 * reports);
    expect(inner.waitedFor.every((n) => n >= 1 && n <= 3)).toBe(true);
    expect(inner.waitedFor.reduce((a, b) => a + b, 0)).toBe(completed.get('paragraphs'));
    expectThroughput(doc, jobs, ['split', 'section', 'close-section', 'merge']);
  });

  it('failParentOnFailure: a child failing for good fails its parent without running it', async () => {
    const doc = fanOutDoc({
      checks: { children: 1, childFailure: 'failParentOnFailure' },
      checker: { failureRate: 1 },
    });
    const { jobs, completed, failed, sent } = await runGenerated(doc, 'fail-parent', local(), 2);
    const reports = sent.p!;
    expect(failed.get('checks')).toBe(reports);
    expect(completed.get('assemble')).toBe(0);
    expect(failed.get('assemble')).toBe(reports);
    const children = childrenByParent(jobs);
    for (const p of inQueue(jobs, 'assemble')) {
      const check = children.get(p.key)!.find((c) => c.queue === 'checks')!;
      expect(p.job.failedReason).toBe(`child ${check.key} failed`);
    }
  });

  it('on a 3-master Redis Cluster: a flow runs with every key in one slot', async () => {
    const doc = fanOutDoc();
    doc.settings = { ...doc.settings, cluster: true };
    const url = inject('clusterUrl');
    const client = new Cluster([{ host: '127.0.0.1', port: Number(new URL(url).port) }]);
    cleanups.push(async () => client.disconnect());
    const { jobs, completed, sent, prefix } = await runGenerated(doc, 'cluster-flow', {
      url,
      client,
      cluster: true,
    });
    const reports = sent.p!;
    expect(reports).toBeGreaterThan(60);
    expect(completed.get('parts')).toBe(4 * reports);
    expect(completed.get('assemble')).toBe(reports);
    const { parents, waitedFor, early } = checkParents(jobs, 'assemble');
    expect(parents.every((p) => p.state === 'completed')).toBe(true);
    expect(waitedFor.every((n) => n === 4)).toBe(true);
    expect(early).toEqual([]);
    const slots = new Set(
      await Promise.all(
        ['reports', 'parts', 'assemble'].map((q) => client.cluster('KEYSLOT', `${prefix}:${q}:id`)),
      ),
    );
    expect(slots.size).toBe(1);
    expectThroughput(doc, jobs, ['split', 'render', 'merge']);
  });
});
