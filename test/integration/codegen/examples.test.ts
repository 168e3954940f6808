import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { removeKeysAt } from '../../../main/redis/keys';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  parseDocumentText,
  type PipelineDocument,
  type ServiceDistribution,
} from '../../../shared/document';
import { buildProject, runProject } from './support/run-project';

/**
 * Every example, end to end as a user would: `pipewright generate`, `tsc`, then the generated
 * workers (`node dist/main.js`) and load script (`node dist/load.js`) against the test Redis,
 * under a fresh key prefix. Jobs must flow through every queue to completion; in a pipeline
 * whose failure rate is 1, every job must end in the dead-letter queue. node_modules is linked
 * from the repository instead of installed, so nothing is downloaded.
 *
 * The examples model minutes-long reports and retries seconds apart; the test keeps their
 * structure, options and distribution types but shortens times to milliseconds and sets failure
 * rates to 0 (failures get their own test), so a run takes seconds.
 */

const ROOT = resolve(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'resources', 'examples');

let redis: Redis;
let redisUrl: string;
const dirs: string[] = [];
const prefixes: string[] = [];

beforeAll(() => {
  redisUrl = inject('redisUrl');
  redis = new Redis(redisUrl);
});

afterAll(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  await redis.quit();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function readExample(id: string): PipelineDocument {
  const parsed = parseDocumentText(readFileSync(join(EXAMPLES, `${id}.pipewright.json`), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

const fast = (service: ServiceDistribution): ServiceDistribution => {
  switch (service.type) {
    case 'fixed':
      return { type: 'fixed', ms: Math.min(service.ms, 5) };
    case 'exponential':
      return { type: 'exponential', meanMs: 5 };
    case 'uniform':
      return { type: 'uniform', minMs: 1, maxMs: 10 };
    case 'normal':
    case 'lognormal':
      return { type: service.type, meanMs: 8, stdDevMs: 3 };
  }
};

/** The same pipeline with its times in milliseconds and no failures, but in `failing` workers. */
function compressed(doc: PipelineDocument, failing: Record<string, number> = {}): PipelineDocument {
  const copy = structuredClone(doc);
  for (const node of copy.nodes) {
    if (node.kind === 'worker') {
      node.config.service = fast(node.config.service);
      node.config.failureRate = failing[node.name] ?? 0;
    }
    if (node.kind === 'queue' && node.config.backoff) {
      node.config.backoff.delayMs = Math.min(node.config.backoff.delayMs, 10);
    }
  }
  return copy;
}

/** Runs a built project against the test Redis, or the cluster `on` names. */
function runPipeline(
  project: string,
  doc: PipelineDocument,
  on?: { url: string; client: Cluster },
) {
  return runProject(
    project,
    doc,
    on ? { ...on, cluster: true } : { url: redisUrl, client: redis },
    {
      onPrefix: (prefix) => void (on ? undefined : prefixes.push(prefix)),
    },
  );
}

const generateAndBuild = (doc: PipelineDocument, label: string) => buildProject(doc, label, dirs);

describe('generated examples run on BullMQ', () => {
  it('cluster-orders on a local 3-master Redis Cluster: jobs flow through every queue to completion', async () => {
    const doc = compressed(readExample('cluster-orders'));
    const project = await generateAndBuild(doc, 'cluster-orders');
    const url = inject('clusterUrl');
    const client = new Cluster([{ host: '127.0.0.1', port: Number(new URL(url).port) }]);
    let prefix = '';
    try {
      const result = await runPipeline(project, doc, { url, client });
      prefix = result.prefix;
      const sent = result.sent['orders-api']!;
      expect(sent).toBeGreaterThan(10);
      expect(result.completed.get('orders')).toBe(sent);
      expect(result.completed.get('payments')).toBe(sent);
      expect([result.failed.get('orders'), result.failed.get('payments')]).toEqual([0, 0]);
      // Every key in the one slot of the hash tag.
      const slots = new Set(
        await Promise.all(
          ['orders', 'payments'].map((q) => client.cluster('KEYSLOT', `${result.prefix}:${q}:id`)),
        ),
      );
      expect(slots.size).toBe(1);
    } finally {
      // On every master, through the app's own clean-up.
      if (prefix) await removeKeysAt(url, prefix);
      client.disconnect();
    }
  });

  for (const id of ['welcome-emails', 'upload-processing', 'nightly-report', 'api-sync']) {
    it(`${id}: jobs flow through every queue to completion`, async () => {
      const doc = compressed(readExample(id));
      const project = await generateAndBuild(doc, id);
      const result = await runPipeline(project, doc);
      const totalSent = Object.values(result.sent).reduce((a, b) => a + b, 0);
      expect(totalSent).toBeGreaterThan(0);
      // Queues only dead letters reach stay empty without failures; every other queue completes.
      const deadLetterOnly = new Set(doc.edges.filter((e) => e.on === 'failed').map((e) => e.to));
      for (const queue of doc.nodes.filter((n) => n.kind === 'queue')) {
        if (deadLetterOnly.has(queue.id)) continue;
        expect(result.completed.get(queue.name), `queue ${queue.name}`).toBeGreaterThan(0);
        expect(result.failed.get(queue.name), `queue ${queue.name}`).toBe(0);
      }
      // Scheduled producers have their Job Scheduler, as the pipeline models it.
      for (const producer of doc.nodes) {
        if (producer.kind !== 'producer' || producer.config.arrival.type !== 'schedule') continue;
        for (const edge of doc.edges.filter((e) => e.from === producer.id)) {
          const name = doc.nodes.find((n) => n.id === edge.to)!.name;
          const queue = new Queue(name, { connection: redis, prefix: result.prefix });
          try {
            const schedulers = await queue.getJobSchedulers();
            expect(schedulers.map((s) => s.pattern)).toEqual([producer.config.arrival.cron]);
          } finally {
            await queue.close();
          }
        }
      }
    });
  }

  it('upload-processing: a route with probability 1 passes every job on', async () => {
    const doc = compressed(readExample('upload-processing'));
    const project = await generateAndBuild(doc, 'upload-routes');
    const result = await runPipeline(project, doc);
    const uploads = result.completed.get('uploads')!;
    expect(uploads).toBe(result.sent['upload-api']);
    expect(result.completed.get('virus-scan')).toBe(uploads);
    expect(result.completed.get('thumbnails')).toBeLessThanOrEqual(uploads);
  });

  it('welcome-emails with a failure rate of 1: every job ends in the dead-letter queue', async () => {
    const doc = compressed(readExample('welcome-emails'), { 'email-sender': 1 });
    const project = await generateAndBuild(doc, 'dead-letters');
    const result = await runPipeline(project, doc);
    const sent = result.sent['signup-api']!;
    expect(sent).toBeGreaterThan(0);
    expect(result.completed.get('emails')).toBe(0);
    // Each job fails for good once (after its three attempts) and is dead-lettered.
    expect(result.failed.get('emails')).toBe(sent);
    expect(result.completed.get('dead-letters')).toBe(sent);
    expect(result.logs).toContain('failed its last attempt');

    const dlq = new Queue('dead-letters', { connection: redis, prefix: result.prefix });
    try {
      const [letter] = await dlq.getCompleted(0, 0);
      expect(letter?.data).toMatchObject({
        queue: 'emails',
        jobName: 'send-welcome',
        attemptsMade: 3,
        data: { userId: 'u-123', template: 'welcome' },
        failedReason: expect.stringContaining('simulated failure'),
      });
    } finally {
      await dlq.close();
    }
  });
});
