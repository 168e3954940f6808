import { formatCompactCount, formatNumber } from '../../shared/metrics/format';
import type { AnalysisState } from '../state/analysis-store';
import { badgeMode, type BadgeMode } from './badge-view';

/**
 * A count that may be a time-weighted mean: small means keep their decimals ("1.08", not "1"),
 * large ones are compact. The badge and the Results table both say it this way, so they agree.
 */
export const formatMeanCount = (n: number): string =>
  Math.abs(n) < 10 && !Number.isInteger(n) ? formatNumber(n) : formatCompactCount(n);

export interface WaitingChildrenFigures {
  mode: BadgeMode;
  /** Parents in BullMQ's waiting-children state: now, on the frame, or the whole span's mean. */
  value: string;
  /** `(mean)` once the analysis has finished: the Results figure. */
  qualifier: string | null;
  about: string;
}

/**
 * What a flow's parent queue says about its parents waiting for their children
 * (docs/architecture.md "Flows"), over the same span as its badge (badge-view.ts): the Results
 * mean once finished, else the frame's count. Null for a queue no flow joins on.
 */
export function waitingChildrenFigures(
  state: AnalysisState,
  nodeId: string,
): WaitingChildrenFigures | null {
  const mode = badgeMode(state);
  const frame = state.snapshots[state.position]?.nodes[nodeId];
  if (mode === null || frame?.kind !== 'queue' || frame.waitingChildren === undefined) return null;
  const what =
    'Parents in BullMQ’s waiting-children state: each starts once all its children are done';
  const summary = state.summary?.nodes[nodeId];
  if (mode === 'final' && summary?.kind === 'queue' && summary.waitingChildren) {
    const { mean, max } = summary.waitingChildren;
    return {
      mode,
      value: formatMeanCount(mean),
      qualifier: '(mean)',
      about: `${what}. Mean over the whole ${state.summary!.mode === 'run' ? 'run' : 'simulation'}, at most ${formatCompactCount(max)}, as in Results`,
    };
  }
  return {
    mode: mode === 'final' ? 'frame' : mode,
    value: formatCompactCount(frame.waitingChildren),
    qualifier: null,
    about: `${what}. ${mode === 'live' ? 'Now' : 'On this frame of the timeline'}`,
  };
}
