import { formatCount, formatMs, formatNumber } from './format';
import type { ScenarioEventFigures } from './types';

/**
 * A scenario event's figures as they read in every view — the CLI's table and the app's Results
 * (docs/architecture.md "Scenarios") — so both say the same thing in the same words.
 */
export interface EventFigureTexts {
  from: string;
  to: string;
  backlogBefore: string;
  peak: string;
  drained: string;
  retries: string;
  attemptsPerJob: string;
  failed: string;
  deadLettered: string;
  failures: string;
}

export function eventFigureTexts(e: ScenarioEventFigures, replications = 1): EventFigureTexts {
  return {
    from: formatMs(e.atMs),
    to: e.endMs === undefined ? 'the end' : formatMs(e.endMs),
    backlogBefore: formatCount(e.backlogBefore),
    peak: `${formatCount(e.peakBacklog)} (${formatMs(e.peakAtMs)})`,
    drained: drained(e, replications),
    retries: formatCount(e.retries),
    attemptsPerJob: formatNumber(e.attemptsPerJob),
    failed: formatCount(e.failed),
    deadLettered: formatCount(e.deadLettered),
    failures:
      e.firstFailedAtMs === undefined
        ? '–'
        : `${formatMs(e.firstFailedAtMs)} – ${formatMs(e.lastFailedAtMs ?? e.firstFailedAtMs)}`,
  };
}

function drained(e: ScenarioEventFigures, reps: number): string {
  if (e.endMs === undefined) return 'lasts to the end';
  if (e.drainMs === undefined) return 'not drained by the end';
  const some = e.drainedIn !== undefined && e.drainedIn < reps ? ` (${e.drainedIn}/${reps})` : '';
  return `${formatMs(e.drainMs)}${some}`;
}
