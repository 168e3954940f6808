import type { Arrival } from '../document/schema';
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
  | { type: 'failureRate'; failureRate: number };

export interface TimedChange {
  /** Simulated time, ms (the run's clock: ms since it started). */
  atMs: number;
  nodeId: string;
  change: NodeChange;
}

const TARGET: Record<NodeChange['type'], 'producer' | 'queue' | 'worker'> = {
  pause: 'queue',
  resume: 'queue',
  rate: 'producer',
  concurrency: 'worker',
  replicas: 'worker',
  failureRate: 'worker',
};

/** A change resolved to its station, in time order. */
export interface CompiledChange {
  atMs: number;
  index: number;
  change: NodeChange;
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
    default:
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
    return { atMs: c.atMs, index: station.index, change: c.change, order: i };
  });
  compiled.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  return compiled.map(({ atMs, index, change }) => ({ atMs, index, change }));
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
    case 'failureRate':
      ctx.workers[c.index]!.failureRate = change.failureRate;
      return;
    case 'concurrency':
    case 'replicas': {
      const w = ctx.workers[c.index]!;
      if (change.type === 'concurrency') w.concurrency = change.concurrency;
      else w.replicas = change.replicas;
      const q = w.model.queue >= 0 ? ctx.queues[w.model.queue]! : null;
      if (q) {
        q.resize(w, w.concurrency * w.replicas, t);
        ctx.dispatch(q, t);
      } else {
        w.setCapacity(w.concurrency * w.replicas, t);
      }
      return;
    }
  }
}
