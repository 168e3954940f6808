import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import type { ServiceDistribution } from '../../shared/document/schema';
import { Random, serviceSampler } from '../../shared/simulation/random';
import { removeKeysAt } from '../../main/redis/keys';

/**
 * A plain BullMQ deployment for import tests — neither the runner nor generated code: a Poisson
 * producer adds jobs to stage A; A's worker adds each job it completes to stage B. Arrival gaps,
 * service times and failures each come from their own seeded generator, so a seed fixes the
 * sample of the known distributions (only which job gets which draw depends on timing), and the
 * deployment measures itself (what the import should recover).
 */
export interface StageSpec {
  queue: string;
  concurrency: number;
  service: ServiceDistribution;
  /** Probability that an attempt fails (after its service time). */
  failureRate: number;
  /** A worker name (BullMQ then names its connection `…:w:<name>`). */
  workerName?: string;
}

export interface DeploymentSpec {
  url: string;
  prefix: string;
  /** Poisson arrivals into A, jobs per second. */
  ratePerSec: number;
  jobName: string;
  a: StageSpec;
  b: StageSpec;
  /** Options of every job added (A and B). */
  jobOptions: JobsOptions;
  seed?: number;
  /** `url` is a node of a Redis Cluster (then give the prefix a hash tag, e.g. `{orders}`). */
  cluster?: boolean;
}

/** What the deployment itself saw, per stage. */
export interface StageMeasured {
  added: number;
  attempts: number;
  failedAttempts: number;
  completed: number;
  /** Jobs that failed their last attempt. */
  failed: number;
  /** processedOn − timestamp of first attempts, ms. */
  waitsMs: number[];
  /** Service times drawn for attempts, ms. */
  serviceMs: number[];
  /** What attempts really took, from processedOn to the end of the processor (timers oversleep). */
  spentMs: number[];
}

export interface Deployment {
  readonly startedAt: number;
  /** When stop() was called (undefined while it runs). */
  readonly stoppedAt: number | undefined;
  measured: { a: StageMeasured; b: StageMeasured };
  /** Stops adding jobs, lets the workers finish what they hold, closes everything. */
  stop(): Promise<void>;
  /** Deletes every key under the prefix. */
  clean(): Promise<void>;
}

const emptyMeasured = (): StageMeasured => ({
  added: 0,
  attempts: 0,
  failedAttempts: 0,
  completed: 0,
  failed: 0,
  waitsMs: [],
  serviceMs: [],
  spentMs: [],
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startDeployment(spec: DeploymentSpec): Promise<Deployment> {
  const seed = spec.seed ?? 1;
  const arrivals = new Random(seed);
  const { hostname, port } = new URL(spec.url);
  const connection = spec.cluster
    ? new Cluster([{ host: hostname, port: Number(port) }], {
        redisOptions: { maxRetriesPerRequest: null },
      })
    : { url: spec.url, maxRetriesPerRequest: null };
  const queueA = new Queue(spec.a.queue, { connection, prefix: spec.prefix });
  const queueB = new Queue(spec.b.queue, { connection, prefix: spec.prefix });
  const measured = { a: emptyMeasured(), b: emptyMeasured() };

  const processor = (stage: StageSpec, m: StageMeasured, offset: number, next?: Queue) => {
    const sample = serviceSampler(stage.service, new Random(seed + offset));
    const failures = new Random(seed + offset + 1);
    return async (job: Job) => {
      const started = job.processedOn ?? Date.now();
      m.attempts++;
      if (job.attemptsMade === 0) m.waitsMs.push(started - job.timestamp);
      const ms = sample();
      m.serviceMs.push(ms);
      const fails = failures.next() < stage.failureRate;
      // Sleep until processedOn + the drawn time, so pick-up latency does not lengthen it.
      await sleep(Math.max(0, started + ms - Date.now()));
      m.spentMs.push(Date.now() - started);
      if (fails) {
        m.failedAttempts++;
        throw new Error(`${stage.queue}: injected failure`);
      }
      if (next) {
        await next.add(job.name, { from: job.id }, spec.jobOptions);
        measured.b.added++;
      }
    };
  };
  const worker = (stage: StageSpec, m: StageMeasured, offset: number, next?: Queue) => {
    const w = new Worker(stage.queue, processor(stage, m, offset, next), {
      connection,
      prefix: spec.prefix,
      concurrency: stage.concurrency,
      ...(stage.workerName ? { name: stage.workerName } : {}),
    });
    w.on('completed', () => void m.completed++);
    w.on('failed', (job) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) m.failed++;
    });
    w.on('error', () => {});
    return w;
  };
  const workers = [worker(spec.a, measured.a, 1, queueB), worker(spec.b, measured.b, 3)];
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  const startedAt = Date.now();
  let stopping = false;
  // Poisson arrivals: exponential gaps from the seeded generator, added when due.
  const producing = (async () => {
    let due = Date.now();
    while (!stopping) {
      due += arrivals.exponential(1000 / spec.ratePerSec);
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      if (stopping) break;
      await queueA.add(spec.jobName, { n: measured.a.added }, spec.jobOptions);
      measured.a.added++;
    }
  })();

  let stoppedAt: number | undefined;
  return {
    startedAt,
    get stoppedAt() {
      return stoppedAt;
    },
    measured,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      stoppedAt = Date.now();
      await producing;
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([queueA.close(), queueB.close()]);
      if (connection instanceof Cluster) connection.disconnect();
    },
    clean: async () => {
      await removeKeysAt(spec.url, spec.prefix);
    },
  };
}

export const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A small, fast deployment (10 ms jobs, no failures) for tests that need one running. */
export const smallDeployment = (url: string, prefix: string): Promise<Deployment> =>
  startDeployment({
    url,
    prefix,
    ratePerSec: 40,
    jobName: 'signup',
    a: { queue: 'signups', concurrency: 2, service: { type: 'fixed', ms: 10 }, failureRate: 0 },
    b: { queue: 'emails', concurrency: 2, service: { type: 'fixed', ms: 10 }, failureRate: 0 },
    jobOptions: { attempts: 2 },
  });
