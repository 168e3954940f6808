import type { Arrival, AutoscaleMetric } from '../document/schema';
import { arrivalAtRate, arrivalProcess } from './arrivals';
import type { SimulationModel } from './model';
import type { Random } from './random';
import type { ProducerState, QueueState, WorkerState } from './stations';

/**
 * Changes to a pipeline at given times of a simulation: what a live run's controls did, replayed
 * so the prediction follows the run's own timeline. Values are absolute (a worker's replicas is
 * the count alive from then on), so a list can be replayed from any start.
 */
export type NodeChange =
  | { type: 'pause' }
  | { type: 'resume' }
  /** A producer's arrival rate from then on (jobs/s; 0 stops it). */
  | { type: 'rate'; ratePerSec: number }
  /** Slots per replica. */
  | { type: 'concurrency'; concurrency: number }
  /** Replicas alive (0: the worker is down). */
  | { type: 'replicas'; replicas: number }
  /** Fraction of attempts that fail, 0..1. */
  | { type: 'failureRate'; failureRate: number }
  /** Service times × factor from then on (1: as designed): a slow dependency. */
  | { type: 'slowdown'; factor: number }
  /** A producer back to its designed arrival model (after a scenario's spike). */
  | { type: 'designArrival' };

/** Changes the engine makes itself (an autoscaler's polls, replicas ready): never in a history. */
export type EngineChange = { type: 'autoscale' } | { type: 'replicaReady'; count: number };

export interface TimedChange {
  /** Simulated time, ms (the run's clock: ms since it started). */
  atMs: number;
  nodeId: string;
  change: NodeChange;
  /** The index of the scenario event it starts or ends (scenario.ts). */
  event?: number;
}

const TARGET: Record<NodeChange['type'], 'producer' | 'queue' | 'worker'> = {
  pause: 'queue',
  resume: 'queue',
  rate: 'producer',
  concurrency: 'worker',
  replicas: 'worker',
  failureRate: 'worker',
  slowdown: 'worker',
  designArrival: 'producer',
};

/** A change resolved to its station, in time order. */
export interface CompiledChange {
  atMs: number;
  index: number;
  change: NodeChange | EngineChange;
  event?: number;
}

function checkValue(change: NodeChange, where: string): void {
  const bad = (what: string) => {
    throw new RangeError(`${where}: ${what}`);
  };
  switch (change.type) {
    case 'rate':
      if (!(change.ratePerSec >= 0 && Number.isFinite(change.ratePerSec)))
        bad(`ratePerSec must be a number >= 0, got ${change.ratePerSec}`);
      break;
    case 'concurrency':
      if (!(Number.isInteger(change.concurrency) && change.concurrency >= 1))
        bad(`concurrency must be an integer >= 1, got ${change.concurrency}`);
      break;
    case 'replicas':
      if (!(Number.isInteger(change.replicas) && change.replicas >= 0))
        bad(`replicas must be an integer >= 0, got ${change.replicas}`);
      break;
    case 'failureRate':
      if (!(change.failureRate >= 0 && change.failureRate <= 1))
        bad(`failureRate must be from 0 to 1, got ${change.failureRate}`);
      break;
    case 'slowdown':
      if (!(change.factor > 0 && Number.isFinite(change.factor)))
        bad(`factor must be a number > 0, got ${change.factor}`);
      break;
  }
}

/**
 * Checks each change against the model (a node of the right kind, a sane value, a time >= 0)
 * and sorts them by time, keeping the given order for equal times. Throws RangeError naming the
 * change and what is wrong.
 */
export function compileChanges(
  model: SimulationModel,
  changes: readonly TimedChange[],
): CompiledChange[] {
  const compiled = changes.map((c, i) => {
    const where = `changes[${i}] (${c.change?.type} of "${c.nodeId}")`;
    const kind = TARGET[c.change?.type];
    if (!kind) throw new RangeError(`${where}: unknown change type`);
    if (!(c.atMs >= 0 && Number.isFinite(c.atMs)))
      throw new RangeError(`${where}: atMs must be a number >= 0, got ${c.atMs}`);
    const station = model.order.find((o) => o.id === c.nodeId);
    if (!station || station.kind !== kind) {
      throw new RangeError(`${where}: a ${c.change.type} change needs a ${kind} node`);
    }
    if (c.change.type === 'rate') {
      const arrival = model.producers[station.index]!.node.config.arrival;
      if (arrival.type === 'schedule' && arrival.cron !== undefined)
        throw new RangeError(`${where}: a cron-scheduled producer has no rate to change`);
    }
    checkValue(c.change, where);
    const event = c.event === undefined ? {} : { event: c.event };
    return { atMs: c.atMs, index: station.index, change: c.change, ...event, order: i };
  });
  compiled.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  return compiled.map(({ order: _order, ...change }) => change);
}

/** What a change needs from the engine: its stations, randomness and scheduling. */
export interface ChangeContext {
  producers: ProducerState[];
  queues: QueueState[];
  workers: WorkerState[];
  random: Random;
  epochMs: number;
  /** Starts waiting jobs of a queue while it has idle slots. */
  dispatch(q: QueueState, t: number): void;
  /** Schedules a producer's next arrival (ignored when not finite). */
  scheduleArrival(p: ProducerState, index: number, t: number): void;
  /** Schedules a change the engine makes itself (an autoscaler's next poll). */
  schedule(change: CompiledChange): void;
}

/** Applies one change at time `t`. */
export function applyChange(c: CompiledChange, t: number, ctx: ChangeContext): void {
  const change = c.change;
  switch (change.type) {
    case 'pause':
      ctx.queues[c.index]!.paused = true;
      return;
    case 'resume': {
      const q = ctx.queues[c.index]!;
      q.paused = false;
      ctx.dispatch(q, t);
      return;
    }
    case 'rate': {
      const p = ctx.producers[c.index]!;
      const arrival: Arrival | null = arrivalAtRate(p.arrival, change.ratePerSec);
      // The pending arrival is dropped (it no longer matches `nextAt`); a rate of 0 stops it.
      p.nextAt = Infinity;
      if (arrival === null) return;
      p.arrival = arrival;
      p.arrivals = arrivalProcess(arrival, t, ctx.random, ctx.epochMs, undefined);
      ctx.scheduleArrival(p, c.index, p.arrivals.next());
      return;
    }
    case 'designArrival': {
      const p = ctx.producers[c.index]!;
      p.nextAt = Infinity;
      p.arrival = p.model.node.config.arrival;
      const from = Math.max(t, p.model.startMs); // a spike that ends before the producer starts
      p.arrivals = arrivalProcess(p.arrival, from, ctx.random, ctx.epochMs, p.model.cron);
      ctx.scheduleArrival(p, c.index, p.arrivals.next());
      return;
    }
    case 'failureRate':
      ctx.workers[c.index]!.failureRate = change.failureRate;
      return;
    case 'slowdown':
      ctx.workers[c.index]!.slowdown(change.factor);
      return;
    case 'concurrency':
      ctx.workers[c.index]!.concurrency = change.concurrency;
      resizeWorker(ctx, ctx.workers[c.index]!, t);
      return;
    case 'replicas':
      setReplicas(ctx, ctx.workers[c.index]!, change.replicas, t);
      return;
    case 'autoscale':
      autoscale(ctx, c.index, t);
      return;
    case 'replicaReady':
      replicasReady(ctx, ctx.workers[c.index]!, change.count, t);
      return;
  }
}

function resizeWorker(ctx: ChangeContext, w: WorkerState, t: number): void {
  const q = w.model.queue >= 0 ? ctx.queues[w.model.queue]! : null;
  if (q) {
    q.resize(w, w.concurrency * w.replicas, t);
    ctx.dispatch(q, t);
  } else {
    w.setCapacity(w.concurrency * w.replicas, t);
  }
}

function setReplicas(ctx: ChangeContext, w: WorkerState, replicas: number, t: number): void {
  w.autoscaler?.account(t, w.replicas);
  w.replicas = replicas;
  resizeWorker(ctx, w, t);
}

/** A poll of a worker's autoscaler: sets the replicas it asks for, and schedules the next. */
function autoscale(ctx: ChangeContext, index: number, t: number): void {
  const w = ctx.workers[index]!;
  const a = w.autoscaler!;
  const q = w.model.queue >= 0 ? ctx.queues[w.model.queue]! : null;
  const asked = w.replicas + a.starting - a.cancelled;
  const target = a.decide(t, autoscaleMetric(a.policy.metric, q), asked);
  a.account(t, w.replicas);
  const step = a.step(target, w.replicas);
  if (step.startNow > 0) setReplicas(ctx, w, w.replicas + step.startNow, t);
  if (step.startLater > 0) {
    ctx.schedule({
      atMs: t + a.policy.startupMs,
      index,
      change: { type: 'replicaReady', count: step.startLater },
    });
  }
  if (step.stop > 0) setReplicas(ctx, w, w.replicas - step.stop, t);
  ctx.schedule({ atMs: t + a.policy.pollMs, index, change: { type: 'autoscale' } });
}

/** Replicas an autoscaler started are serving now, except those it cancelled meanwhile. */
function replicasReady(ctx: ChangeContext, w: WorkerState, count: number, t: number): void {
  const a = w.autoscaler!;
  a.account(t, w.replicas);
  const serving = a.ready(count);
  if (serving > 0) setReplicas(ctx, w, w.replicas + serving, t);
}

/**
 * What an autoscale policy measures on the worker's queue now: `waiting` is BullMQ's wait list
 * (prioritised jobs are in their own set), `waiting+delayed` the whole backlog.
 */
function autoscaleMetric(metric: AutoscaleMetric, q: QueueState | null): number {
  if (!q) return 0;
  switch (metric) {
    case 'waiting':
      return q.waiting.plain;
    case 'waiting+delayed':
      return q.waiting.size + q.delayed;
    case 'active':
      return q.active;
  }
}

/**
 * The changes of one simulation: those given at the start, in time order, then those the engine
 * schedules while it runs. `push` puts an entry's index on the event heap.
 */
export class ChangeList {
  /** Worker index → its autoscaler's entry: polls reuse it, so a long run does not pile them up. */
  private readonly pollSlots = new Map<number, number>();

  constructor(
    readonly entries: CompiledChange[],
    private readonly push: (atMs: number, slot: number) => void,
  ) {
    entries.forEach((c, i) => push(c.atMs, i));
  }

  schedule(change: CompiledChange): void {
    const key = change.change.type === 'autoscale' ? change.index : -1;
    let slot = key >= 0 ? this.pollSlots.get(key) : undefined;
    if (slot === undefined) {
      slot = this.entries.length;
      this.entries.push(change);
      if (key >= 0) this.pollSlots.set(key, slot);
    } else this.entries[slot] = change;
    this.push(change.atMs, slot);
  }

  /** Each autoscaler polls first one interval in, then every interval. */
  startAutoscalers(workers: readonly WorkerState[]): void {
    workers.forEach((w, index) => {
      if (w.autoscaler) {
        this.schedule({ atMs: w.autoscaler.policy.pollMs, index, change: { type: 'autoscale' } });
      }
    });
  }
}
