import type { ComparisonRow, LiveChange, RunReport } from '../../shared/api/contract';
import type { RunSummary } from '../../shared/metrics/types';
import {
  formatMs,
  formatNumber,
  formatPercent,
  formatRate,
  formatSignedPercent,
} from '../../shared/metrics/format';
import { plural } from '../../shared/plural';

export type { ComparisonRow };

export interface NodeComparison {
  nodeId: string;
  name: string;
  rows: ComparisonRow[];
}

/** A control applied during the run, which the prediction replays at the same time. */
export type RunChange = Pick<LiveChange, 'atMs' | 'nodeId' | 'nodeName' | 'description'>;

export interface RunComparison {
  /** The measured span the prediction covers. */
  durationMs: number;
  /** The run's measured summary (`pipewright-summary/v1`). */
  summary: RunSummary;
  runId: string;
  outcome: RunReport['outcome'];
  nodes: NodeComparison[];
  /** Live changes in time order (empty when the run was not steered). */
  changes: RunChange[];
  /** Why there is no prediction, when there is none. */
  missing: string | null;
}

/** What the run played (its scenario, its autoscalers): the prediction plays the same. */
export function playedText(summary: RunSummary): string | null {
  const events = summary.scenario?.length ?? 0;
  const autoscaled = Object.values(summary.nodes).filter(
    (n) => n.kind === 'worker' && n.autoscale,
  ).length;
  const parts = [
    events > 0 ? `its scenario (${plural(events, 'event')})` : null,
    autoscaled > 0 ? plural(autoscaled, 'autoscaled worker') : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `The run played ${parts.join(' and ')}` : null;
}

/** Rows per node, in the order the nodes first appear. */
export function groupByNode(rows: readonly ComparisonRow[]): NodeComparison[] {
  const nodes: NodeComparison[] = [];
  for (const r of rows) {
    let node = nodes.find((n) => n.nodeId === r.nodeId);
    if (!node) nodes.push((node = { nodeId: r.nodeId, name: r.name, rows: [] }));
    node.rows.push(r);
  }
  return nodes;
}

/** Predicted versus measured from the host's run report, grouped per node. */
export function comparisonFromReport(report: RunReport): RunComparison {
  const nodes = groupByNode(report.comparison);
  return {
    durationMs: report.summary.durationMs,
    summary: report.summary,
    runId: report.runId,
    outcome: report.outcome,
    nodes,
    changes: report.changes.map(({ atMs, nodeId, nodeName, description }) => ({
      atMs,
      nodeId,
      nodeName,
      description,
    })),
    missing:
      report.prediction === null
        ? 'The simulator could not predict this run (it was too short or the model failed).'
        : null,
  };
}

/** A figure in the unit its name says (`… ms`, `… jobs/s`, utilisation as a percentage). */
export function formatFigure(figure: string, value: number): string {
  if (figure === 'utilisation') return formatPercent(value, 1);
  if (figure.endsWith(' ms')) return formatMs(value);
  if (figure.includes('jobs/s')) return formatRate(value);
  return formatNumber(value);
}

/** Within this difference (in %) measured and predicted agree. */
export const AGREEMENT_PERCENT = 15;

export function formatDifference(percent: number | null): {
  text: string;
  tone: 'ok' | 'warning' | 'muted';
} {
  if (percent === null) return { text: '—', tone: 'muted' };
  return {
    text: formatSignedPercent(percent),
    tone: Math.abs(percent) <= AGREEMENT_PERCENT ? 'ok' : 'warning',
  };
}
