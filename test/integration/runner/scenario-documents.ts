import type { PipelineDocument } from '../../../shared/document';
import { edge, pipeline, producer, queue, worker } from './helpers';

/**
 * Issue 16's outage, played for real. One job every 400 ms from the run's start; 3 attempts with
 * a fixed 2050 ms backoff; the worker (10 slots: nothing waits for one) takes exactly 50 ms; a job
 * failing for good goes to a dead-letter queue; failure rate 1 from 2.2 s to 8 s.
 *
 * Job a (a ≡ 0 mod 400) ends attempt 1 at a + 50, attempt 2 at a + 2150, attempt 3 at a + 4250:
 * 50, 150 and 250 ms past an arrival instant, so at least 150 ms before the end of the outage
 * (≡ 0) and 150 ms from its start (≡ 200). In a real run each attempt ends a little later than
 * modelled — BullMQ takes a few ms, more on a busy machine, to hand a job over and to promote a
 * due retry, and this adds up over attempts — and the controls' timers fire a ms or so late; none
 * of that moves an attempt across a bound, so the counts are exact (failure rate 0 or 1: no dice).
 *   retried once:  a + 50 ∈ [2200, 8000)    → a = 2400..7600: 14 jobs
 *   retried twice: a + 2150 < 8000           → a = 2400..5600: 9 jobs (23 retries)
 *   failed for good, dead-lettered: a + 4250 < 8000 → a = 2400..3600: 4 jobs, at 6650 … 7850
 * Backlog (all delayed): a retry window of 2050 ms holds 5 or 6 jobs, so 11 at the peak; the last
 * retry leaves at 5600 + 2150 + 2050 = 9800 (drain 1800 ms). A real run reads them from Redis
 * every 25 ms, and its later attempts (above) overlap the windows a little more: its peak may be
 * a job higher and its drain some tens of ms longer.
 */
export function outage(): PipelineDocument {
  return {
    ...pipeline(
      'Outage',
      [
        producer('p', { arrival: { type: 'constant', ratePerSec: 2.5 } }),
        queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 2050 } }),
        worker('w', { concurrency: 10, service: { type: 'fixed', ms: 50 } }),
        queue('dlq'),
      ],
      [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed' })],
    ),
    scenario: {
      events: [
        {
          id: 'down',
          name: 'API down',
          nodeId: 'w',
          atMs: 2200,
          durationMs: 5800,
          change: { type: 'failureRate', failureRate: 1 },
        },
      ],
    },
  };
}

/**
 * 12 jobs/s into a queue paused for its first 2.5 s: the wait list holds ~12 at the poll at
 * 1 s (→ 2 replicas) and ~24 at 2 s (→ 3). Resumed, 3 × 5 slots of 50 ms empty it at once:
 * the polls from 3 s want 1, but the cooldown (2.5 s) keeps 3 until the poll at 5 s, whose
 * window no longer holds the one at 2 s. New replicas serve 300 ms after their poll.
 */
export function autoscaled(): PipelineDocument {
  const doc = pipeline(
    'Autoscaled',
    [
      producer('p', { arrival: { type: 'constant', ratePerSec: 12 } }),
      queue('q'),
      worker('w', {
        concurrency: 5,
        service: { type: 'fixed', ms: 50 },
        autoscale: {
          metric: 'waiting',
          targetPerReplica: 10,
          maxReplicas: 5,
          pollMs: 1000,
          cooldownMs: 2500,
          startupMs: 300,
        },
      }),
    ],
    [edge('p', 'q'), edge('q', 'w')],
  );
  doc.scenario = {
    events: [{ id: 'hold', nodeId: 'q', atMs: 0, durationMs: 2500, change: { type: 'pause' } }],
  };
  return doc;
}
