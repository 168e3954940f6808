import type { NodeFigures, NodeSummary, RunSnapshot } from '../../shared/metrics/types';
import type { AnalysisState } from '../state/analysis-store';
import {
  formatClock,
  formatCompactCount,
  formatMs,
  formatPercent,
  formatRate,
} from '../../shared/metrics/format';

/**
 * What a node's badge says, and over which span. Results and the badges must agree: once a
 * simulation or run has finished (and the playhead rests on its end), a badge shows the figures
 * of the Results table, over the whole measured span. While a run streams, it shows the newest
 * interval; anywhere else on the timeline it shows that frame and says so, with the frame's time.
 */
export type BadgeMode = 'live' | 'final' | 'frame';

export interface BadgeFigures {
  mode: BadgeMode;
  /** The frame's time (ms), for `frame`; null otherwise. */
  t: number | null;
  /** Said to screen readers and in the tooltip: what the figures are about. */
  about: string;
  kind: NodeFigures['kind'];
  /** The main figure (a rate, a waiting count, a throughput) and what follows it. */
  main: string;
  mainLabel: string | null;
  /** Queues: delayed jobs; null when there are none. */
  delayed: string | null;
  /** Queues: `p95`, or `oldest` when jobs wait and none started, with its value. */
  metricLabel: string | null;
  metric: string | null;
  /** Workers: the utilisation fraction for the bar, and its text. */
  utilisation: number | null;
  utilisationText: string | null;
  /** Workers: jobs that failed their last attempt so far, when any did. */
  failed: string | null;
  /** Queues with a thousand or more waiting, workers at 95 % or more: drawn as hot. */
  hot: boolean;
}

export function badgeMode(state: AnalysisState): BadgeMode | null {
  const last = state.snapshots.length - 1;
  if (last < 0 || state.position < 0) return null;
  if (state.summary && state.status === 'done' && state.position === last && !state.playing) {
    return 'final';
  }
  if (state.status === 'running' && state.follow) return 'live';
  return 'frame';
}

/**
 * For a run's frames, which do not carry the oldest waiting job's age: how long no job of this
 * queue has started, up to frame `position` (from the start of the stream when none ever did).
 */
export function sinceLastStartMs(
  snapshots: readonly RunSnapshot[],
  position: number,
  nodeId: string,
): number {
  const now = snapshots[position]?.t ?? 0;
  for (let i = position; i >= 0; i--) {
    const q = snapshots[i]!.nodes[nodeId];
    if (q?.kind === 'queue' && q.waitMs.count > 0) return now - snapshots[i]!.t;
  }
  return now;
}

/** A queue's wait figure: the p95 of jobs that started, else the age of the line. */
function queueMetric(
  state: AnalysisState,
  nodeId: string,
  frame: NodeFigures & { kind: 'queue' },
  p95: number,
  measured: boolean,
): { metricLabel: string; metric: string } {
  if (measured) return { metricLabel: 'p95', metric: formatMs(p95) };
  if (frame.waiting === 0) return { metricLabel: 'p95', metric: '–' };
  if (frame.oldestWaitingMs !== undefined) {
    return { metricLabel: 'oldest', metric: formatMs(frame.oldestWaitingMs) };
  }
  const stalled = sinceLastStartMs(state.snapshots, state.position, nodeId);
  return { metricLabel: 'none started for', metric: formatMs(stalled) };
}

type Figures = Omit<BadgeFigures, 'mode' | 't' | 'about'>;

const BLANK = {
  mainLabel: null,
  delayed: null,
  metricLabel: null,
  metric: null,
  utilisation: null,
  utilisationText: null,
  failed: null,
  hot: false,
};

const producerBadge = (ratePerSec: number, created: number): Figures => ({
  ...BLANK,
  kind: 'producer',
  main: formatRate(ratePerSec),
  mainLabel: `${formatCompactCount(created)} made`,
});

const workerBadge = (throughputPerSec: number, utilisation: number, failed: number): Figures => ({
  ...BLANK,
  kind: 'worker',
  main: formatRate(throughputPerSec),
  utilisation,
  utilisationText: formatPercent(utilisation),
  failed: failed > 0 ? `${formatCompactCount(failed)} failed` : null,
  hot: utilisation >= 0.95,
});

/** A queue: waiting jobs (`delayed` more), then its wait figure. */
const queueBadge = (
  waiting: number,
  waitingLabel: string,
  delayed: number,
  metric: { metricLabel: string; metric: string },
): Figures => ({
  ...BLANK,
  kind: 'queue',
  main: formatCompactCount(waiting),
  mainLabel: waitingLabel,
  delayed: delayed >= 0.5 ? `+${formatCompactCount(delayed)} delayed` : null,
  ...metric,
  hot: waiting >= 1000,
});

function fromSummary(
  state: AnalysisState,
  nodeId: string,
  frame: NodeFigures,
  summary: NodeSummary,
): Figures {
  switch (summary.kind) {
    case 'producer':
      return producerBadge(summary.ratePerSec, summary.created);
    case 'queue': {
      const q = frame.kind === 'queue' ? frame : null;
      // All-zero waits with jobs still waiting at the end: none of them ever started.
      const measured = q === null || summary.waitMs.max > 0 || q.waiting === 0;
      return queueBadge(
        summary.waiting.mean,
        'waiting (mean)',
        summary.delayed.mean,
        q
          ? queueMetric(state, nodeId, q, summary.waitMs.p95, measured)
          : { metricLabel: 'p95', metric: formatMs(summary.waitMs.p95) },
      );
    }
    case 'worker':
      return workerBadge(summary.throughputPerSec, summary.utilisation, summary.failed);
  }
}

function fromFrame(state: AnalysisState, nodeId: string, frame: NodeFigures): Figures {
  switch (frame.kind) {
    case 'producer':
      return producerBadge(frame.ratePerSec, frame.created);
    case 'queue':
      return queueBadge(
        frame.waiting,
        'waiting',
        frame.delayed,
        queueMetric(state, nodeId, frame, frame.waitMs.p95, frame.waitMs.count > 0),
      );
    case 'worker':
      return workerBadge(frame.throughputPerSec, frame.utilisation, frame.failed);
  }
}

/** The badge of `nodeId` in this analysis state; null when there is nothing to show. */
export function badgeFigures(state: AnalysisState, nodeId: string): BadgeFigures | null {
  const mode = badgeMode(state);
  const snapshot = state.snapshots[state.position];
  const frame = snapshot?.nodes[nodeId];
  if (mode === null || !snapshot || !frame) return null;
  const summary = state.summary?.nodes[nodeId];
  if (mode === 'final' && summary) {
    const span = formatClock(state.summary!.durationMs);
    return {
      mode,
      t: null,
      about: `Whole ${state.summary!.mode === 'run' ? 'run' : 'simulation'} (${span} measured), as in Results`,
      ...fromSummary(state, nodeId, frame, summary),
    };
  }
  const shown = mode === 'final' ? 'frame' : mode;
  const previous = state.snapshots[state.position - 1];
  const span = previous ? ` ${formatMs(snapshot.t - previous.t)}` : '';
  return {
    mode: shown,
    t: shown === 'frame' ? snapshot.t : null,
    about:
      shown === 'frame'
        ? `Frame at ${formatClock(snapshot.t)}: the${span} before it, not the whole run (Results has that)`
        : 'Now: the latest interval, not the whole run',
    ...fromFrame(state, nodeId, frame),
  };
}

const edgeMeans = new WeakMap<readonly RunSnapshot[], Record<string, number>>();

/**
 * Each edge's mean rate over the last `spanMs` of the frames (the measured span of a finished
 * analysis): what an edge label shows beside badges showing the Results figures.
 */
export function meanEdgeRates(
  snapshots: readonly RunSnapshot[],
  spanMs: number,
): Record<string, number> {
  const cached = edgeMeans.get(snapshots);
  if (cached) return cached;
  const sums: Record<string, number> = {};
  const end = snapshots.at(-1)?.t ?? 0;
  let covered = 0;
  for (let i = 1; i < snapshots.length; i++) {
    const from = Math.max(snapshots[i - 1]!.t, end - spanMs);
    const dt = snapshots[i]!.t - from;
    if (dt <= 0) continue;
    covered += dt;
    for (const [id, rate] of Object.entries(snapshots[i]!.edges)) {
      sums[id] = (sums[id] ?? 0) + rate * dt;
    }
  }
  const means: Record<string, number> = {};
  for (const [id, sum] of Object.entries(sums)) means[id] = covered > 0 ? sum / covered : 0;
  edgeMeans.set(snapshots, means);
  return means;
}

/** The rate an edge label shows: the whole measured span once finished, else the frame's. */
export function edgeRateShown(state: AnalysisState, edgeId: string): number | undefined {
  const mode = badgeMode(state);
  if (mode === null) return undefined;
  if (mode === 'final' && state.summary) {
    return meanEdgeRates(state.snapshots, state.summary.durationMs)[edgeId];
  }
  return state.snapshots[state.position]?.edges[edgeId];
}
