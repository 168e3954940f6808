import type { Simulation } from './engine';
import type { SimulationModel } from './model';
import type { JobTraceEvent } from './options';
import type { JobPool } from './pools';

/** Measurement boundaries of a run: backlog sampling at each tick, and the end of the warm-up. */

/**
 * Feeds each queue's backlog trend with the mean waiting count since the last tick, and keeps a
 * depth mark between about a quarter and a half of the run ago, so an early stop can say how fast
 * each queue was growing: a candidate mark is taken at a tick and becomes the mark once it is half
 * the run old (then the next candidate is taken).
 */
export function sampleBacklogs(sim: Simulation, t: number): void {
  const span = t - sim.lastTickMs;
  for (const q of sim.queues) {
    const area = q.waitingLevel.area(t) - q.waitingAreaAtTick;
    q.trend.observe(sim.lastTickMs, span > 0 ? area / span : q.waiting.size);
    if (q.candidateMs <= t / 2) {
      q.markMs = q.candidateMs;
      q.depthAtMark = q.depthAtCandidate;
      q.candidateMs = t;
      q.depthAtCandidate = q.waiting.size + q.delayed;
    }
  }
}

export function startMeasuring(sim: Simulation, t: number): void {
  for (const q of sim.queues) {
    const waitingPart = q.waitingLevel.area(t) - q.waitingAreaAtTick;
    const delayedPart = q.delayedLevel.area(t) - q.delayedAreaAtTick;
    q.waitingLevel.restart(t);
    q.delayedLevel.restart(t);
    q.waitingAreaAtTick = -waitingPart;
    q.delayedAreaAtTick = -delayedPart;
    q.enqueuedAtWarmup = q.enqueued;
    q.trend.restart(t);
  }
  for (const w of sim.workers) {
    const busyPart = w.busyLevel.area(t) - w.busyAreaAtTick;
    const capacityPart = w.capacityLevel.area(t) - w.capacityAreaAtTick;
    w.busyLevel.restart(t);
    w.capacityLevel.restart(t);
    w.busyAreaAtTick = -busyPart;
    w.capacityAreaAtTick = -capacityPart;
    w.completedAtWarmup = w.completed;
    w.failedAtWarmup = w.failed;
    w.retriedAtWarmup = w.retried;
  }
  for (const p of sim.producers) p.createdAtWarmup = p.created;
}

/** A job's step as a trace event (only built when a trace is asked for). */
export function traceEvent(
  model: SimulationModel,
  jobs: JobPool,
  type: JobTraceEvent['type'],
  job: number,
  t: number,
  worker: number,
  delayMs: number | undefined,
): JobTraceEvent {
  const event: JobTraceEvent = {
    type,
    t,
    job: jobs.serial[job]!,
    queueId: model.queues[jobs.queue[job]!]!.node.id,
    attemptsMade: jobs.attemptsMade[job]!,
    priority: jobs.priority[job]!,
  };
  if (worker >= 0) event.workerId = model.workers[worker]!.node.id;
  if (delayMs !== undefined) event.delayMs = delayMs;
  return event;
}
