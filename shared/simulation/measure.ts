import type { SimulationState } from './sim-state';

/** Measurement boundaries of a run: backlog sampling at each tick, and the end of the warm-up. */

/**
 * Feeds each queue's backlog trend with the mean waiting count since the last tick, and keeps a
 * depth mark between about a quarter and a half of the run ago, so an early stop can say how fast
 * each queue was growing: a candidate mark is taken at a tick and becomes the mark once it is half
 * the run old (then the next candidate is taken).
 */
export function sampleBacklogs(sim: SimulationState, t: number): void {
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

export function startMeasuring(sim: SimulationState, t: number): void {
  for (const q of sim.queues) {
    const waitingPart = q.waitingLevel.area(t) - q.waitingAreaAtTick;
    const delayedPart = q.delayedLevel.area(t) - q.delayedAreaAtTick;
    q.waitingLevel.restart(t);
    q.delayedLevel.restart(t);
    q.waitingChildrenLevel.restart(t);
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
    w.autoscaler?.startMeasuring(t, w.replicas);
  }
  for (const p of sim.producers) p.createdAtWarmup = p.created;
}
