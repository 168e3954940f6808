import { meanArrivalRatePerSec, type PipelineDocument } from '../../shared/document';
import type { SimulationRunOptions } from '../../shared/simulation/worker-host';
import { formatClock } from '../../shared/metrics/format';
import { formatDuration, parseDuration } from '../../shared/duration';
import { plural } from '../../shared/plural';

export { formatDuration, parseDuration };

/**
 * What the Simulate popover asks for, as the user types it (durations like `10m`, `90s`), and
 * its translation into the simulator's options with clear messages for bad input.
 */
export interface SimulateSettings {
  horizon: 'duration' | 'jobs';
  /** e.g. `10m`, `90s`, `1h`, `1h30m`; a bare number is seconds. */
  duration: string;
  jobs: string;
  warmup: string;
  seed: string;
  replications: string;
  /** Snapshot interval; empty means chosen from the horizon. */
  interval: string;
}

export const DEFAULT_SETTINGS: SimulateSettings = {
  horizon: 'duration',
  duration: '10m',
  jobs: '10000',
  warmup: '0s',
  seed: '1',
  replications: '1',
  interval: '',
};

/** At most this many snapshots per run: each is kept for the timeline and the charts. */
export const MAX_RUN_SNAPSHOTS = 20_000;
/** Snapshots the automatic interval aims for. */
const TARGET_SNAPSHOTS = 500;
const NICE_INTERVALS_MS = [
  50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
  600_000, 900_000, 1_800_000, 3_600_000,
];

export class SettingsError extends Error {
  constructor(
    readonly field: keyof SimulateSettings,
    message: string,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

function integer(
  field: keyof SimulateSettings,
  text: string,
  name: string,
  min: number,
  max: number,
): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new SettingsError(
      field,
      `${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got “${text}”`,
    );
  }
  return n;
}

function duration(field: keyof SimulateSettings, text: string, name: string, zero = false) {
  const ms = parseDuration(text);
  if (ms === null || !Number.isFinite(ms) || ms < 0 || (!zero && ms === 0)) {
    throw new SettingsError(
      field,
      `${name} “${text}” is not a duration: write e.g. 10m, 90s, 1h or 500ms`,
    );
  }
  return ms;
}

/** Jobs per second all producers create on average (0 when unknown). */
export function totalArrivalRate(doc: PipelineDocument): number {
  return doc.nodes.reduce(
    (sum, n) => sum + (n.kind === 'producer' ? meanArrivalRatePerSec(n.config.arrival) || 0 : 0),
    0,
  );
}

/** A round interval giving about 500 snapshots over `spanMs`. */
export function autoIntervalMs(spanMs: number): number {
  const wanted = spanMs / TARGET_SNAPSHOTS;
  return NICE_INTERVALS_MS.find((ms) => ms >= wanted) ?? NICE_INTERVALS_MS.at(-1)!;
}

export interface ResolvedSimulation {
  options: SimulationRunOptions;
  /** Simulated span expected (warm-up included), for the timeline. */
  expectedDurationMs: number;
  warmupMs: number;
  label: string;
}

/** The simulator options for these settings; throws a SettingsError naming the bad field. */
export function resolveSettings(
  settings: SimulateSettings,
  doc: PipelineDocument,
): ResolvedSimulation {
  const warmupMs = duration('warmup', settings.warmup || '0', 'Warm-up', true);
  const seed = integer('seed', settings.seed, 'Seed', 0, Number.MAX_SAFE_INTEGER);
  const replications = integer('replications', settings.replications, 'Replications', 1, 100);
  let measuredMs: number;
  const options: SimulationRunOptions = { seed, warmupMs, replications };
  let horizon: string;
  if (settings.horizon === 'jobs') {
    const jobs = integer('jobs', settings.jobs, 'Jobs', 1, 100_000_000);
    options.jobs = jobs;
    const rate = totalArrivalRate(doc);
    measuredMs = rate > 0 ? (jobs / rate) * 1000 : 600_000;
    horizon = plural(jobs, 'job');
  } else {
    measuredMs = duration('duration', settings.duration, 'Duration');
    if (measuredMs > 30 * 24 * 3_600_000) {
      throw new SettingsError('duration', 'Duration can be at most 30 days of simulated time');
    }
    options.durationMs = measuredMs;
    horizon = formatDuration(measuredMs);
  }
  const expectedDurationMs = warmupMs + measuredMs;
  const intervalMs =
    settings.interval.trim() === ''
      ? autoIntervalMs(expectedDurationMs)
      : duration('interval', settings.interval, 'Snapshot interval');
  const count = expectedDurationMs / intervalMs;
  if (count > MAX_RUN_SNAPSHOTS) {
    const least = formatDuration(Math.ceil(expectedDurationMs / MAX_RUN_SNAPSHOTS / 100) * 100);
    throw new SettingsError(
      'interval',
      `A snapshot every ${formatDuration(intervalMs)} would record ${Math.round(count).toLocaleString('en-US')} snapshots; use an interval of at least ${least}`,
    );
  }
  options.snapshotIntervalMs = intervalMs;
  const parts = [`Simulation · ${horizon}`, `seed ${seed}`];
  if (replications > 1) parts.push(`${replications} replications`);
  if (warmupMs > 0) parts.push(`warm-up ${formatClock(warmupMs)}`);
  return { options, expectedDurationMs, warmupMs, label: parts.join(' · ') };
}

const STORAGE_KEY = 'pipewright.simulate';

/** The settings last used, or the defaults. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | undefined): SimulateSettings {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    if (parsed && typeof parsed === 'object') {
      const out = { ...DEFAULT_SETTINGS };
      for (const key of Object.keys(DEFAULT_SETTINGS) as Array<keyof SimulateSettings>) {
        const value = (parsed as Record<string, unknown>)[key];
        if (typeof value === 'string') (out as Record<string, string>)[key] = value;
      }
      if (out.horizon !== 'jobs') out.horizon = 'duration';
      return out;
    }
  } catch {
    // Unreadable: defaults.
  }
  return { ...DEFAULT_SETTINGS };
}

export function saveSettings(
  settings: SimulateSettings,
  storage: Pick<Storage, 'setItem'> | undefined,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Not remembered; the run still uses them.
  }
}
