import type { CalibrationReport, FittedValue } from '../../shared/calibration';
import type {
  Arrival,
  MeasuredField,
  PipelineDocument,
  ServiceDistribution,
} from '../../shared/document';
import { formatMs, formatPercent } from '../../shared/metrics/format';
import { arrivalSummary, serviceSummary } from '../canvas/format';

/** How the report and the inspector show fitted numbers: pure, so it is tested without a DOM. */

const FIELD_LABELS: Record<string, string> = {
  arrival: 'arrivals',
  service: 'service time',
  failureRate: 'failure rate',
  concurrency: 'concurrency',
  replicas: 'replicas',
  attempts: 'attempts',
  backoff: 'backoff',
  removeOnComplete: 'remove on complete',
  removeOnFail: 'remove on fail',
  rateLimit: 'rate limit',
  probability: 'probability',
};

export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;

const percent = (p: number) => formatPercent(p, 1);

/** A fitted value in words: `exponential, mean 80 ms`, `12.5 %`, `3`. */
export function formatFitted(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'not set';
  if (field === 'service') {
    const service = value as ServiceDistribution;
    const spread =
      service.type === 'normal' || service.type === 'lognormal'
        ? `, sd ${formatMs(service.stdDevMs)}`
        : '';
    return `${service.type} ${serviceSummary(service).replace(/^~/, 'mean ')}${spread}`;
  }
  if (field === 'arrival') return arrivalSummary(value as Arrival);
  if (field === 'failureRate' || field === 'probability') return percent(Number(value));
  if (field === 'backoff' && typeof value === 'object') {
    const b = value as { type: string; delayMs: number };
    return `${b.type} ${formatMs(b.delayMs)}`;
  }
  if (field === 'rateLimit' && typeof value === 'object') {
    const r = value as { max: number; durationMs: number };
    return `${r.max} per ${formatMs(r.durationMs)}`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The main figure and its interval: `80.1 ms (95 %: 78.2–82.0)`. */
export function formatEstimate(
  field: string,
  estimate: number | undefined,
  ci?: readonly number[],
): string {
  if (estimate === undefined) return '';
  const one = (v: number) =>
    field === 'service'
      ? `${Number(v.toPrecision(3))} ms`
      : field === 'arrival'
        ? `${Number(v.toPrecision(3))}/s`
        : percent(v);
  if (!ci || ci.length !== 2) return one(estimate);
  return `${one(estimate)} (95 %: ${one(ci[0]!)} – ${one(ci[1]!)})`;
}

export interface ReportGroup {
  nodeId: string;
  name: string;
  kind: string;
  values: FittedValue[];
}

/** The report's values per node (and edge), in document order. */
export function groupByNode(report: CalibrationReport, doc: PipelineDocument): ReportGroup[] {
  const groups: ReportGroup[] = [];
  const names = new Map<string, { name: string; kind: string }>();
  for (const n of doc.nodes) names.set(n.id, { name: n.name, kind: n.kind });
  for (const e of doc.edges) {
    const from = names.get(e.from)?.name ?? e.from;
    const to = names.get(e.to)?.name ?? e.to;
    names.set(e.id, { name: `${from} → ${to}`, kind: 'edge' });
  }
  const order = [...doc.nodes.map((n) => n.id), ...doc.edges.map((e) => e.id)];
  const byId = new Map<string, FittedValue[]>();
  for (const v of report.values)
    (byId.get(v.nodeId) ?? byId.set(v.nodeId, []).get(v.nodeId)!).push(v);
  for (const id of [...order, ...byId.keys()]) {
    const values = byId.get(id);
    if (!values || groups.some((g) => g.nodeId === id)) continue;
    const known = names.get(id);
    groups.push({ nodeId: id, name: known?.name ?? id, kind: known?.kind ?? 'deleted', values });
  }
  return groups;
}

/** The measured fields of one node in a saved document, by field name. */
export function measuredFields(doc: PipelineDocument, nodeId: string): Map<string, MeasuredField> {
  const out = new Map<string, MeasuredField>();
  for (const f of doc.calibration?.fields ?? []) if (f.nodeId === nodeId) out.set(f.field, f);
  return out;
}

/** The hover text of a "measured" mark: what it was fitted from and how well. */
export function measuredTitle(doc: PipelineDocument, field: MeasuredField): string {
  const parts = [`Measured from ${field.sample} observation${field.sample === 1 ? '' : 's'}`];
  const source = doc.calibration?.source;
  if (source) parts[0] += ` in ${source.redis} (prefix ${source.prefix})`;
  const estimate = formatEstimate(field.field, field.estimate, field.ci95);
  if (estimate) parts.push(estimate);
  if (field.ks !== undefined) parts.push(`KS distance ${field.ks.toFixed(3)}`);
  return parts.join(' · ');
}

/** A histogram as chart series: bin centres, observed counts, the fitted curve's counts. */
export function histogramSeries(h: NonNullable<FittedValue['histogram']>): {
  xs: number[];
  counts: number[];
  fitted: number[];
} {
  const xs = h.counts.map((_, i) => (h.edges[i]! + (h.edges[i + 1] ?? h.edges[i]!)) / 2);
  return { xs, counts: h.counts, fitted: h.fitted.map((f) => Number(f.toFixed(2))) };
}
