import type { EarlyStop, GrowingQueue } from '../metrics/types';
import { formatCount, formatMs, formatNumber } from '../metrics/format';
import type { QueueState } from './stations';

/**
 * What a run that stopped at a budget tells the user: why, when, and which queues were piling up
 * (the usual answer: a queue grows without bound, so no horizon is ever reached cheaply).
 */

export interface StopFacts {
  reason: EarlyStop['reason'];
  atMs: number;
  horizonMs: number;
  events: number;
  jobsInSystem: number;
  replication: number;
  maxEvents: number;
  maxJobsInSystem: number;
  maxEventsAtOneInstant: number;
  queues: readonly QueueState[];
  /** Names of the workers that finished jobs at the stalled instant. */
  loopWorkers?: string[];
}

const MAX_LISTED = 10;
const count = (n: number) => formatCount(Math.round(n));
const rate = (n: number) => (n >= 1000 ? count(n) : formatNumber(n));
const names = (list: readonly string[]) => list.map((n) => JSON.stringify(n)).join(', ');

/**
 * Queues whose depth (waiting + delayed) rose over roughly the last half of the run (see
 * `sampleBacklogs`), deepest first. A queue counts when it holds at least 100 jobs and rose by
 * at least a tenth: a stable queue's noise does not.
 */
export function growingQueues(queues: readonly QueueState[], atMs: number): GrowingQueue[] {
  const out: GrowingQueue[] = [];
  for (const q of queues) {
    const depth = q.waiting.size + q.delayed;
    const span = atMs - q.markMs;
    const rise = depth - q.depthAtMark;
    if (depth < 100 || rise <= 0 || depth < 1.1 * q.depthAtMark) continue;
    const growthPerSec = span > 0 ? (rise * 1000) / span : atMs > 0 ? (depth * 1000) / atMs : 0;
    out.push({ id: q.model.node.id, name: q.model.node.name, depth, growthPerSec });
  }
  return out.sort((a, b) => b.depth - a.depth).slice(0, MAX_LISTED);
}

/** `Growing: "q" (2,097,152 jobs, +1,000,000/s).`, or '' when no queue was growing. */
export function describeGrowing(growing: readonly GrowingQueue[]): string {
  if (growing.length === 0) return '';
  const each = growing.map(
    (q) => `${JSON.stringify(q.name)} (${count(q.depth)} jobs, +${rate(q.growthPerSec)}/s)`,
  );
  return `Growing: ${each.join(', ')}.`;
}

export function describeStop(facts: StopFacts): EarlyStop {
  const growing = growingQueues(facts.queues, facts.atMs);
  const at = `at ${formatMs(facts.atMs)}`;
  const of = Number.isFinite(facts.horizonMs) ? ` of ${formatMs(facts.horizonMs)}` : '';
  let message: string;
  switch (facts.reason) {
    case 'jobs':
      message =
        `Stopped early ${at}${of}: more than ${count(facts.maxJobsInSystem)} jobs were in the ` +
        `model at once (its memory bound). A queue that grows without bound never ` +
        'reaches the horizon: give its workers more capacity, send fewer jobs, or simulate a shorter span.';
      break;
    case 'events':
      message =
        `Stopped early ${at}${of}: the run used its budget of ${count(facts.maxEvents)} events. ` +
        `Simulate a shorter span or fewer jobs, or raise the event budget.`;
      break;
    case 'stalled': {
      const loop = facts.loopWorkers?.length
        ? `Workers ${names(facts.loopWorkers)} kept finishing jobs at that instant: `
        : '';
      message =
        `Stopped early ${at}${of}: simulated time stopped advancing (${count(facts.maxEventsAtOneInstant)} ` +
        `events at one instant). ${loop}jobs go round a loop of workers that take no time. Give ` +
        'those workers a service time above 0, or let jobs leave the loop (an edge probability below 1).';
      break;
    }
  }
  return {
    reason: facts.reason,
    message,
    atMs: facts.atMs,
    events: facts.events,
    jobsInSystem: facts.jobsInSystem,
    replication: facts.replication,
    growingQueues: growing,
    ...(facts.loopWorkers ? { loopWorkers: facts.loopWorkers } : {}),
  };
}

/** Events followed after a stall to find the workers of the loop. */
export const STALL_SAMPLE_EVENTS = 10_000;
