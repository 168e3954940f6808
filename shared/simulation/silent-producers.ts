import { formatDuration } from '../duration';
import { arrivalProcess } from './arrivals';
import type { SimulationModel } from './model';
import { DEFAULT_EPOCH_MS } from './options';
import { Random } from './random';

/** A producer whose first job falls after the simulated window, so the run never saw it. */
export interface SilentProducer {
  nodeId: string;
  name: string;
  /** Simulated time of its first job; Infinity when it never fires. */
  firstJobMs: number;
  /** A `--duration` that would include that first job, or null when none can. */
  suggestedDuration: string | null;
}

const SUGGESTIONS_MS = [3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000, 366 * 86_400_000];

/**
 * Producers that create no job before `windowEndMs`: a nightly cron in a 10-minute run, or a
 * `startMs` past the horizon. Their first job time is deterministic except for Poisson gaps,
 * which start at once anyway, so one draw from a fixed seed is exact where it matters.
 */
export function silentProducers(
  model: SimulationModel,
  windowEndMs: number,
  epochMs: number = DEFAULT_EPOCH_MS,
): SilentProducer[] {
  const silent: SilentProducer[] = [];
  for (const p of model.producers) {
    if (p.limit <= 0 || p.targets.length === 0) continue;
    const arrivals = arrivalProcess(
      p.node.config.arrival,
      p.startMs,
      new Random(1),
      epochMs,
      p.cron,
    );
    const first = arrivals.next();
    const firstJobMs = first < p.stopMs ? first : Infinity;
    if (firstJobMs < windowEndMs) continue;
    // Room after the first job for it to be processed: a quarter of its start time.
    const room = SUGGESTIONS_MS.find((ms) => ms >= firstJobMs * 1.25);
    silent.push({
      nodeId: p.node.id,
      name: p.node.name,
      firstJobMs,
      suggestedDuration: Number.isFinite(firstJobMs) && room ? formatDuration(room) : null,
    });
  }
  return silent;
}

/** One line for a person: what the producer did not do, why, and what to run instead. */
export function describeSilentProducer(p: SilentProducer, windowEndMs: number): string {
  const window = formatDuration(Math.round(windowEndMs));
  if (!Number.isFinite(p.firstJobMs)) {
    return `producer "${p.name}" created no jobs: it never fires (it stops before its first job).`;
  }
  const due = formatDuration(Math.round(p.firstJobMs));
  const advice = p.suggestedDuration
    ? ` Simulate with --duration ${p.suggestedDuration} to include it.`
    : '';
  return `producer "${p.name}" created no jobs: its first job is due at ${due} of simulated time, after the ${window} simulated.${advice}`;
}
