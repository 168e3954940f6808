import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../../shared/simulation/engine';
import type { JobTraceEvent } from '../../../../shared/simulation/options';
import { simulate, simulateAsync } from '../../../../shared/simulation/run';
import type { SimulatedJobs } from '../../../../shared/simulation/simulated-jobs';
import { createSimulationHost } from '../../../../shared/simulation/worker-host';
import { edge, featureRich, mmc, pipeline, producer, queue, worker } from './documents';

const names = (jobs: { route: { name: string }[] }) => jobs.route.map((s) => s.name).join(' → ');

/** Fixed 10 ms work failing half its attempts; 3 attempts with a fixed 1 s backoff; no waiting. */
const flaky = (backoff: { type: 'fixed' | 'exponential'; delayMs: number }) =>
  pipeline(
    'flaky',
    [
      producer(
        'signup',
        { type: 'schedule', everyMs: 100 },
        { payload: { user: 7 }, jobName: 'welcome' },
      ),
      queue('emails', { attempts: 3, backoff }),
      worker('mailer', { type: 'fixed', ms: 10 }, 50, { failureRate: 0.5 }),
      queue('audit'),
      worker('auditor', { type: 'fixed', ms: 1 }, 5),
      queue('dead'),
    ],
    [
      edge('signup', 'emails'),
      edge('emails', 'mailer'),
      edge('mailer', 'audit'),
      edge('audit', 'auditor'),
      edge('mailer', 'dead', { on: 'failed' }),
    ],
  );

function traced(doc: Parameters<typeof simulate>[0], options: Record<string, number>) {
  const events: JobTraceEvent[] = [];
  const sim = new Simulation(doc, { seed: 3, ...options, trace: (e) => events.push(e) });
  const summary = sim.run();
  return { summary, events, jobs: sim.simulatedJobs()! };
}

describe('the job trace of a simulation', () => {
  it('keeps the most recent N completed and failed jobs per queue, the same the event trace ends with', () => {
    const { events, jobs } = traced(featureRich(), { durationMs: 60_000, jobTrace: 20 });
    for (const [queueId, queueJobs] of Object.entries(jobs.queues)) {
      for (const type of ['completed', 'failed'] as const) {
        const ended = events.filter((e) => e.type === type && e.queueId === queueId);
        const newest = ended
          .slice(-20)
          .reverse()
          .map((e) => String(e.job));
        expect(
          queueJobs.jobs[type].map((j) => j.id),
          `${queueId} ${type}`,
        ).toEqual(newest);
        expect(queueJobs.counts[type], `${queueId} ${type} count`).toBe(ended.length);
      }
    }
    expect(jobs.queues['ingest']!.counts.completed).toBeGreaterThan(1000);
    expect(jobs.queues['ingest']!.jobs.completed).toHaveLength(20);
    expect(jobs.perState).toBe(20);
    expect(jobs.atMs).toBe(60_000);
  });

  it('stays bounded over a million jobs', () => {
    const sim = new Simulation(mmc(14.4, { type: 'exponential', meanMs: 1000 }, 16), {
      jobs: 1_000_000,
      jobTrace: 50,
    });
    sim.run();
    const q = sim.simulatedJobs()!.queues['q']!;
    expect(q.counts.completed).toBeGreaterThan(999_000);
    expect(q.jobs.completed).toHaveLength(50);
    expect(q.jobs.active.length).toBeLessThanOrEqual(16);
    expect(q.jobs.waiting.length).toBeLessThanOrEqual(50);
    expect(q.jobs.failed).toEqual([]);
  });

  it('gives attempts, backoff, times and failure reasons as the queue configures them', () => {
    const { jobs } = traced(flaky({ type: 'fixed', delayMs: 1000 }), {
      durationMs: 30_000,
      jobTrace: 100,
    });
    const emails = jobs.queues['emails']!;
    expect(emails.jobs.failed.length).toBeGreaterThan(10);
    for (const job of emails.jobs.failed) {
      expect(job.attemptsMade).toBe(3);
      expect(job.attempts).toBe(3);
      expect(job.backoffMs).toBe(2000);
      expect(job.finishedAtMs! - job.addedAtMs).toBe(3 * 10 + 2000);
      expect(job.processedAtMs).toBe(job.finishedAtMs! - 10);
      expect(job.failedReason).toBe('simulated failure (failure rate 50 %) on attempt 3 of 3');
      expect(names(job)).toBe('signup → emails → mailer → dead');
      expect(job.name).toBe('welcome');
      expect(job.data).toBe('{"user":7}');
    }
    const retried = emails.jobs.completed.filter((j) => j.attemptsMade === 2);
    expect(retried.length).toBeGreaterThan(5);
    for (const job of retried) {
      expect(job.backoffMs).toBe(1000);
      expect(job.finishedAtMs! - job.addedAtMs).toBe(2 * 10 + 1000);
      expect(job.failedReason).toBe('simulated failure (failure rate 50 %) on attempt 1 of 3');
      expect(names(job)).toBe('signup → emails → mailer → audit');
    }
    const first = emails.jobs.completed.filter((j) => j.attemptsMade === 1);
    expect(first.length).toBeGreaterThan(5);
    for (const job of first) expect(job.failedReason).toBeNull();
    // The jobs a mailer passed on name where they came from, and keep the producer's name and data.
    const audited = jobs.queues['audit']!.jobs.completed[0]!;
    expect(names(audited)).toBe('emails → mailer → audit → auditor');
    expect(audited.name).toBe('welcome');
    expect(jobs.queues['dead']!.jobs.waiting.length).toBeGreaterThan(10);
  });

  it('follows an exponential backoff', () => {
    const { jobs } = traced(flaky({ type: 'exponential', delayMs: 100 }), {
      durationMs: 20_000,
      jobTrace: 50,
    });
    const failed = jobs.queues['emails']!.jobs.failed;
    expect(failed.length).toBeGreaterThan(5);
    for (const job of failed) expect(job.backoffMs).toBe(100 + 200);
  });

  it('lists the jobs still waiting, active and delayed at the end, with the counts', () => {
    const doc = pipeline(
      'slow',
      [
        producer('now', { type: 'schedule', everyMs: 100 }),
        producer('later', { type: 'schedule', everyMs: 100 }, { jobOptions: { delayMs: 60_000 } }),
        queue('q'),
        worker('w', { type: 'fixed', ms: 1000 }, 2),
      ],
      [edge('now', 'q'), edge('later', 'q'), edge('q', 'w')],
    );
    const { jobs, summary } = traced(doc, { durationMs: 10_000, jobTrace: 30 });
    const q = jobs.queues['q']!;
    expect(q.counts.active).toBe(2);
    expect(q.jobs.active).toHaveLength(2);
    expect(q.counts.delayed).toBe(100);
    expect(q.jobs.delayed).toHaveLength(30);
    expect(q.counts.waiting).toBe(100 - 18 - 2);
    expect(q.jobs.waiting).toHaveLength(30);
    expect(summary.nodes['w']!.kind === 'worker' && summary.nodes['w']!.completed).toBe(18);
    // Newest first, each as far as it got.
    const ids = q.jobs.waiting.map((j) => Number(j.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const job of q.jobs.waiting) {
      expect(job.processedAtMs).toBeNull();
      expect(names(job)).toBe('now → q');
    }
    for (const job of q.jobs.delayed) expect(job.delayMs).toBe(60_000);
    for (const job of q.jobs.active) {
      expect(job.processedAtMs).toBeLessThanOrEqual(10_000);
      expect(names(job)).toBe('now → q → w');
    }
  });

  it('changes nothing in the run, and costs nothing when not asked for', () => {
    const plain = simulate(featureRich(), { seed: 5, durationMs: 30_000 });
    const withTrace = simulate(featureRich(), { seed: 5, durationMs: 30_000, jobTrace: 10 });
    expect(withTrace).toEqual(plain);
    expect(new Simulation(featureRich(), { durationMs: 1000 }).simulatedJobs()).toBeUndefined();
  });

  it('rejects a bad jobTrace with what is allowed', () => {
    expect(() => new Simulation(featureRich(), { jobTrace: 2.5 })).toThrow(
      'jobTrace must be an integer from 0 to 10000, got 2.5',
    );
  });

  it('comes back from the Web Worker host with the summary (first replication only)', async () => {
    let fromRun: SimulatedJobs | undefined;
    await simulateAsync(
      featureRich(),
      {
        seed: 2,
        durationMs: 10_000,
        jobTrace: 5,
        replications: 2,
        onJobTrace: (j) => (fromRun = j),
      },
      { sliceEvents: 10_000, yieldToHost: async () => {} },
    );
    const messages: unknown[] = [];
    const done = new Promise<void>((resolve) => {
      const host = createSimulationHost(
        (m) => {
          messages.push(m);
          if (m.type === 'done') resolve();
        },
        async () => {},
      );
      host({
        type: 'start',
        runId: 1,
        document: featureRich(),
        options: { seed: 2, durationMs: 10_000, jobTrace: 5, replications: 2 },
      });
    });
    await done;
    const last = messages.at(-1) as { type: string; jobs: SimulatedJobs };
    expect(last.jobs).toEqual(fromRun);
    expect(last.jobs.queues['ingest']!.jobs.completed).toHaveLength(5);
    const single = new Simulation(featureRich(), { seed: 2, durationMs: 10_000, jobTrace: 5 });
    single.run();
    expect(last.jobs).toEqual(single.simulatedJobs());
  });
});
