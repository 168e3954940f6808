import { latencyStats } from '../metrics/stats';
import { buildSummary, levelStat, type NodeStatsInput } from '../metrics/summary';
import type { EarlyStop, NodeFigures, RunSnapshot, RunSummary } from '../metrics/types';
import type { SimulationState } from './sim-state';

/** Turns a simulation's state into the shared `RunSnapshot` and `pipewright-summary/v1` shapes. */

/** Figures at `t`; interval figures cover the time since the previous tick. */
export function buildSnapshot(sim: SimulationState, t: number): RunSnapshot {
  const dt = t - sim.lastTickMs;
  const perSec = (n: number) => (dt > 0 ? (n * 1000) / dt : 0);
  const nodes: Record<string, NodeFigures> = {};
  for (const { id, kind, index } of sim.model.order) {
    if (kind === 'producer') {
      const p = sim.producers[index]!;
      nodes[id] = { kind, created: p.created, ratePerSec: perSec(p.created - p.createdAtTick) };
    } else if (kind === 'queue') {
      const q = sim.queues[index]!;
      const waitMs = latencyStats(q.waitInterval);
      nodes[id] = {
        kind,
        waiting: q.waiting.size,
        active: q.active,
        delayed: q.delayed,
        completed: q.completed,
        failed: q.failed,
        enqueued: q.enqueued,
        enqueuedPerSec: perSec(q.enqueued - q.enqueuedAtTick),
        paused: q.paused,
        waitMs,
        ...(q.join && { waitingChildren: q.waitingChildren }),
        // Nothing started, so no wait was measured: how long the head of the line has waited.
        ...(waitMs.count === 0 && q.waiting.size > 0
          ? { oldestWaitingMs: t - q.waiting.oldestReadyAt(sim.jobs.readyAt) }
          : {}),
      };
    } else {
      const w = sim.workers[index]!;
      const busyArea = w.busyLevel.area(t) - w.busyAreaAtTick;
      const capacityArea = w.capacityLevel.area(t) - w.capacityAreaAtTick;
      nodes[id] = {
        kind,
        active: w.busy,
        capacity: w.capacity,
        utilisation: w.utilisation(busyArea, capacityArea),
        throughputPerSec: perSec(w.completed - w.completedAtTick),
        completed: w.completed,
        failed: w.failed,
        retried: w.retried,
        serviceMs: latencyStats(w.serviceInterval),
        ...(w.autoscaler
          ? {
              replicas: w.replicas,
              startingReplicas: w.autoscaler.starting - w.autoscaler.cancelled,
            }
          : {}),
      };
    }
  }
  const edges: Record<string, number> = {};
  sim.model.edgeIds.forEach((id, e) => {
    edges[id] = perSec(sim.edgeCounts[e]! - sim.edgeCountsAtTick[e]!);
  });
  return { t, nodes, edges, endToEndMs: latencyStats(sim.endToEndInterval) };
}

/** Starts a new snapshot interval at `t`. */
export function markTick(sim: SimulationState, t: number): void {
  for (const p of sim.producers) p.createdAtTick = p.created;
  for (const q of sim.queues) {
    q.enqueuedAtTick = q.enqueued;
    q.waitingAreaAtTick = q.waitingLevel.area(t);
    q.delayedAreaAtTick = q.delayedLevel.area(t);
    q.waitInterval.reset();
  }
  for (const w of sim.workers) {
    w.completedAtTick = w.completed;
    w.busyAreaAtTick = w.busyLevel.area(t);
    w.capacityAreaAtTick = w.capacityLevel.area(t);
    w.serviceInterval.reset();
  }
  sim.edgeCountsAtTick.set(sim.edgeCounts);
  sim.endToEndInterval.reset();
  sim.lastTickMs = t;
}

/**
 * The summary of the measured span [warm-up, endMs]. After an early stop, a queue that was piling
 * up is "growing" even when the short span gave the trend too little to judge.
 */
export function buildSimulationSummary(
  sim: SimulationState,
  endMs: number,
  stop?: EarlyStop,
): RunSummary {
  const grew = new Set(stop?.growingQueues.map((q) => q.id));
  const nodes: Record<string, NodeStatsInput> = {};
  for (const { id, kind, index } of sim.model.order) {
    if (kind === 'producer') {
      const p = sim.producers[index]!;
      nodes[id] = { kind, name: p.model.node.name, created: p.created - p.createdAtWarmup };
    } else if (kind === 'queue') {
      const q = sim.queues[index]!;
      nodes[id] = {
        kind,
        name: q.model.node.name,
        wait: q.wait,
        waiting: levelStat(q.waitingLevel, endMs),
        delayed: levelStat(q.delayedLevel, endMs),
        ...(q.join && { waitingChildren: levelStat(q.waitingChildrenLevel, endMs) }),
        enqueued: q.enqueued - q.enqueuedAtWarmup,
        backlog: grew.has(id)
          ? { ...q.trend.verdict(endMs), verdict: 'growing' }
          : q.trend.verdict(endMs),
      };
    } else {
      const w = sim.workers[index]!;
      nodes[id] = {
        kind,
        name: w.model.node.name,
        completed: w.completed - w.completedAtWarmup,
        failed: w.failed - w.failedAtWarmup,
        retried: w.retried - w.retriedAtWarmup,
        utilisation: w.utilisation(w.busyLevel.area(endMs), w.capacityLevel.area(endMs)),
        service: w.service,
        ...(w.autoscaler ? { autoscale: w.autoscaler.summary(endMs, w.replicas) } : {}),
      };
    }
  }
  const summary = buildSummary({
    mode: 'simulate',
    document: sim.model.doc.name,
    durationMs: Math.max(0, endMs - sim.warmupMs),
    seed: sim.seed,
    nodes,
    endToEnd: sim.endToEnd,
  });
  const events = sim.model.doc.scenario ? { scenario: sim.scenario.figures() } : {};
  return { ...summary, ...(stop ? { stoppedEarly: stop } : {}), ...events };
}
