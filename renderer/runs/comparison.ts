import { z } from 'zod';
import type { ComparisonRow } from '../../shared/metrics/comparison';
import type { RunSummary } from '../../shared/metrics/types';

export type { ComparisonRow };

export interface NodeComparison {
  nodeId: string;
  name: string;
  rows: ComparisonRow[];
}

/** A control applied during the run, which the prediction replays at the same time. */
export interface RunChange {
  atMs: number;
  nodeId: string;
  nodeName: string;
  description: string;
}

export interface RunComparison {
  /** The measured span the prediction covers. */
  durationMs: number;
  /** The run's measured summary (`pipewright-summary/v1`). */
  summary: RunSummary;
  runId: string;
  outcome: { drained: boolean; keysRemoved: number; keysKept: boolean };
  nodes: NodeComparison[];
  /** Live changes in time order (empty when the run was not steered). */
  changes: RunChange[];
  /** Why there is no prediction, when there is none. */
  missing: string | null;
}

const row = z.object({
  nodeId: z.string(),
  name: z.string(),
  figure: z.string(),
  predicted: z.number(),
  measured: z.number(),
  differencePercent: z.number().nullable(),
});

/** The parts of a `pipewright-run-report/v1` this view reads (the host computes the rest). */
const reportShape = z.object({
  format: z.literal('pipewright-run-report/v1'),
  runId: z.string(),
  outcome: z.object({ drained: z.boolean(), keysRemoved: z.number(), keysKept: z.boolean() }),
  summary: z.looseObject({
    format: z.literal('pipewright-summary/v1'),
    durationMs: z.number(),
    nodes: z.record(z.string(), z.unknown()),
  }),
  prediction: z.unknown().nullable(),
  comparison: z.array(row),
  // Reports written before live changes were recorded have none.
  changes: z
    .array(
      z.object({
        atMs: z.number(),
        nodeId: z.string(),
        nodeName: z.string(),
        description: z.string(),
      }),
    )
    .default([]),
});

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

/** Reads predicted-versus-measured from a run report's JSON text. */
export function comparisonFromReport(json: string): RunComparison {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('the run report is not valid JSON');
  }
  const parsed = reportShape.safeParse(value);
  if (!parsed.success) throw new Error('the run report has an unexpected shape');
  const report = parsed.data;
  const nodes = groupByNode(report.comparison);
  return {
    durationMs: report.summary.durationMs,
    // Checked above where this view reads it; the rest is the host's own summary.
    summary: report.summary as unknown as RunSummary,
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
  if (figure === 'utilisation') return `${(value * 100).toFixed(1)} %`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const text = value.toFixed(digits);
  if (figure.endsWith(' ms')) return `${text} ms`;
  if (figure.includes('jobs/s')) return `${text}/s`;
  return text;
}

/** Within this difference (in %) measured and predicted agree. */
export const AGREEMENT_PERCENT = 15;

export function formatDifference(percent: number | null): {
  text: string;
  tone: 'ok' | 'warning' | 'muted';
} {
  if (percent === null) return { text: '—', tone: 'muted' };
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return {
    text: `${sign}${Math.abs(percent).toFixed(1)} %`,
    tone: Math.abs(percent) <= AGREEMENT_PERCENT ? 'ok' : 'warning',
  };
}
