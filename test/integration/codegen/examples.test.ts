import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { removeKeysAt } from '../../../main/redis/keys';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';
import {
  parseDocumentText,
  serializeDocument,
  type PipelineDocument,
  type ServiceDistribution,
} from '../../../shared/document';

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
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

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

function captureIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}

/** Runs a command to its end; resolves to its exit code and output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

/** Starts `node dist/main.js` and resolves once its workers run. */
function startWorkers(cwd: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn('node', ['dist/main.js'], {
    cwd,
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const started = new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('started')) ready();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    void exited.then((code) => fail(new Error(`main.js exited (${code}) early:\n${output}`)));
  });
  return { child, started, exited, output: () => output };
}

async function generateAndBuild(doc: PipelineDocument, label: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `pipewright-codegen-${label}-`));
  dirs.push(dir);
  const input = join(dir, `${label}.pipewright.json`);
  writeFileSync(input, serializeDocument(doc));
  const out = join(dir, 'project');
  const io = captureIo(dir);
  expect(await main(['generate', input, '--out', out, '--json'], io), io.stderr.join('\n')).toBe(0);
  const report = JSON.parse(io.stdout.join('\n')) as { files: { status: string }[] };
  expect(report.files.every((f) => f.status === 'written')).toBe(true);
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  const build = await run('node', [TSC, '-p', 'tsconfig.json'], out);
  expect(build.output).toBe('');
  expect(build.code).toBe(0);
  return out;
}

/** Completed (or failed) events a queue's event stream recorded: survives removeOnComplete. */
async function eventCount(
  client: Redis | Cluster,
  prefix: string,
  queue: string,
  event: string,
): Promise<number> {
  const entries = await client.xrange(`${prefix}:${queue}:events`, '-', '+');
  return entries.filter(([, fields]) => fields[0] === 'event' && fields[1] === event).length;
}

/**
 * Waits until no queue has a job waiting, active or delayed (Job Scheduler jobs aside), three
 * polls in a row: a dead letter is added just after its job fails.
 */
async function drained(queues: Queue[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let idle = 0; idle < 3;) {
    let busy = 0;
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
      const delayed = await queue.getDelayed();
      busy += delayed.filter((job) => !job.id?.startsWith('repeat:')).length;
    }
    idle = busy === 0 ? idle + 1 : 0;
    if (Date.now() > deadline)
      throw new Error(`queues still busy (${busy} jobs) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface RunResult {
  sent: Record<string, number>;
  completed: Map<string, number>;
  failed: Map<string, number>;
  prefix: string;
  logs: string;
}

/**
 * Runs the built project's workers and a few seconds of load, then shuts it down; `on` is a
 * Redis Cluster for a cluster document (the project wraps BULLMQ_PREFIX in a hash tag itself).
 */
async function runPipeline(
  project: string,
  doc: PipelineDocument,
  on?: { url: string; client: Cluster },
): Promise<RunResult> {
  const given = `cg-${randomBytes(4).toString('hex')}`;
  const client = on?.client ?? redis;
  const prefix = on ? `{${given}}` : given;
  if (!on) prefixes.push(prefix);
  const env = { REDIS_URL: on?.url ?? redisUrl, BULLMQ_PREFIX: given, WORKERS: '' };
  const workers = startWorkers(project, env);
  await workers.started;
  const load = await run('node', ['dist/load.js', '--seconds', '2'], project, env);
  expect(load.code, load.output).toBe(0);
  const sent = load.output.match(/jobs sent: (\{[^}]*\})/);
  expect(sent, load.output).not.toBeNull();

  const queueNames = doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.name);
  const queues = queueNames.map((name) => new Queue(name, { connection: client, prefix }));
  try {
    await drained(queues);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
  workers.child.kill('SIGINT');
  expect(await workers.exited, workers.output()).toBe(0);
  expect(workers.output()).toContain('stopped');

  const completed = new Map<string, number>();
  const failed = new Map<string, number>();
  for (const name of queueNames) {
    completed.set(name, await eventCount(client, prefix, name, 'completed'));
    failed.set(name, await eventCount(client, prefix, name, 'failed'));
  }
  const counts = JSON.parse(sent![1]!.replace(/'/g, '"').replace(/([\w-]+):/g, '"$1":')) as Record<
    string,
    number
  >;
  return { sent: counts, completed, failed, prefix, logs: workers.output() };
}

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
