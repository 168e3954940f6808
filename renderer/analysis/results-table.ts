import type { NodeSummary, RunSummary, SummaryStat } from '../../shared/metrics/types';

/**
 * The summary as a table: one row per node (plus end to end), the columns that apply to its kind,
 * and the 95 % confidence half-widths when there were replications. The same columns give the
 * CSV file and the text copied to the clipboard.
 */

export type NodeKind = 'producer' | 'queue' | 'worker' | 'pipeline';

export interface Column {
  key: string;
  /** Header in the table and the file. */
  title: string;
  unit: 'count' | 'rate' | 'ms' | 'fraction' | 'text';
  kinds: readonly NodeKind[];
  /** Only some nodes have it (a flow's parent queue): the column appears when a row does. */
  optional?: true;
}

export const COLUMNS: readonly Column[] = [
  { key: 'created', title: 'created', unit: 'count', kinds: ['producer'] },
  { key: 'ratePerSec', title: 'rate_per_sec', unit: 'rate', kinds: ['producer'] },
  { key: 'enqueued', title: 'enqueued', unit: 'count', kinds: ['queue'] },
  { key: 'waiting.mean', title: 'waiting_mean', unit: 'count', kinds: ['queue'] },
  { key: 'waiting.max', title: 'waiting_max', unit: 'count', kinds: ['queue'] },
  { key: 'delayed.mean', title: 'delayed_mean', unit: 'count', kinds: ['queue'] },
  {
    key: 'waitingChildren.mean',
    title: 'waiting_children_mean',
    unit: 'count',
    kinds: ['queue'],
    optional: true,
  },
  {
    key: 'waitingChildren.max',
    title: 'waiting_children_max',
    unit: 'count',
    kinds: ['queue'],
    optional: true,
  },
  { key: 'waitMs.mean', title: 'wait_mean_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'waitMs.p50', title: 'wait_p50_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'waitMs.p95', title: 'wait_p95_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'waitMs.p99', title: 'wait_p99_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'waitMs.max', title: 'wait_max_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'verdict', title: 'verdict', unit: 'text', kinds: ['queue'] },
  { key: 'growingSinceMs', title: 'growing_since_ms', unit: 'ms', kinds: ['queue'] },
  { key: 'completed', title: 'completed', unit: 'count', kinds: ['worker'] },
  { key: 'failed', title: 'failed', unit: 'count', kinds: ['worker'] },
  { key: 'retried', title: 'retried', unit: 'count', kinds: ['worker'] },
  { key: 'throughputPerSec', title: 'throughput_per_sec', unit: 'rate', kinds: ['worker'] },
  { key: 'utilisation', title: 'utilisation', unit: 'fraction', kinds: ['worker'] },
  { key: 'serviceMs.mean', title: 'service_mean_ms', unit: 'ms', kinds: ['worker'] },
  { key: 'serviceMs.p50', title: 'service_p50_ms', unit: 'ms', kinds: ['worker'] },
  { key: 'serviceMs.p95', title: 'service_p95_ms', unit: 'ms', kinds: ['worker'] },
  { key: 'serviceMs.p99', title: 'service_p99_ms', unit: 'ms', kinds: ['worker'] },
  { key: 'serviceMs.max', title: 'service_max_ms', unit: 'ms', kinds: ['worker'] },
  { key: 'endToEndMs.mean', title: 'end_to_end_mean_ms', unit: 'ms', kinds: ['pipeline'] },
  { key: 'endToEndMs.p50', title: 'end_to_end_p50_ms', unit: 'ms', kinds: ['pipeline'] },
  { key: 'endToEndMs.p95', title: 'end_to_end_p95_ms', unit: 'ms', kinds: ['pipeline'] },
  { key: 'endToEndMs.p99', title: 'end_to_end_p99_ms', unit: 'ms', kinds: ['pipeline'] },
  { key: 'endToEndMs.max', title: 'end_to_end_max_ms', unit: 'ms', kinds: ['pipeline'] },
];

export interface ResultRow {
  id: string;
  name: string;
  kind: NodeKind;
  /** Values by column key; absent when the column does not apply. */
  values: Record<string, number | string>;
  /** 95 % half-widths by column key, with replications. */
  ci95: Record<string, number>;
}

function lookup(source: unknown, path: string): unknown {
  let value: unknown = source;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function rowOf(id: string, name: string, kind: NodeKind, source: unknown, ci: unknown): ResultRow {
  const values: Record<string, number | string> = {};
  const ci95: Record<string, number> = {};
  for (const c of COLUMNS) {
    if (!c.kinds.includes(kind)) continue;
    const v = lookup(source, c.key);
    if (typeof v === 'number' || typeof v === 'string') values[c.key] = v;
    const h = ci === undefined ? undefined : lookup(ci, c.key);
    if (typeof h === 'number') ci95[c.key] = h;
  }
  return { id, name, kind, values, ci95 };
}

const KIND_ORDER: Record<NodeSummary['kind'], number> = { producer: 0, queue: 1, worker: 2 };

/** Rows in the order producer, queue, worker (document order within a kind), then end to end. */
export function resultRows(summary: RunSummary, order: readonly string[] = []): ResultRow[] {
  const position = new Map(order.map((id, i) => [id, i] as const));
  const entries = Object.entries(summary.nodes).sort(
    ([a, x], [b, y]) =>
      KIND_ORDER[x.kind] - KIND_ORDER[y.kind] ||
      (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity),
  );
  const rows = entries.map(([id, node]) => rowOf(id, node.name, node.kind, node, node.ci95));
  const endToEnd: { endToEndMs: SummaryStat } = { endToEndMs: summary.endToEndMs };
  const endToEndCi = summary.endToEndCi95 ? { endToEndMs: summary.endToEndCi95 } : undefined;
  rows.push(rowOf('', 'end to end', 'pipeline', endToEnd, endToEndCi));
  return rows;
}

/** Numbers in files: plain, up to 6 significant digits, no thousands separators. */
function plain(value: number | string | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The columns of these rows: every column, but an optional one only when some row has it. */
export const columnsOf = <C extends Pick<Column, 'key' | 'optional'>>(
  columns: readonly C[],
  rows: readonly ResultRow[],
): C[] => columns.filter((c) => !c.optional || rows.some((r) => r.values[c.key] !== undefined));

function table(summary: RunSummary, order: readonly string[]): string[][] {
  const rows = resultRows(summary, order);
  const columns = columnsOf(COLUMNS, rows);
  const withCi = summary.replications !== undefined && summary.replications > 1;
  const header = ['id', 'name', 'kind'];
  for (const c of columns) {
    header.push(c.title);
    if (withCi && c.unit !== 'text' && c.key !== 'growingSinceMs') header.push(`${c.title}_ci95`);
  }
  const body = rows.map((r) => {
    const cells = [r.id, r.name, r.kind];
    for (const c of columns) {
      cells.push(plain(r.values[c.key]));
      if (withCi && c.unit !== 'text' && c.key !== 'growingSinceMs')
        cells.push(plain(r.ci95[c.key]));
    }
    return cells;
  });
  return [header, ...body];
}

/** RFC 4180 CSV, one row per node and one for end to end. */
export function summaryCsv(summary: RunSummary, order: readonly string[] = []): string {
  return `${table(summary, order)
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')}\r\n`;
}

/** Tab-separated, for pasting into a spreadsheet or a message. */
export function summaryTsv(summary: RunSummary, order: readonly string[] = []): string {
  return `${table(summary, order)
    .map((row) => row.map((c) => c.replace(/[\t\n\r]/g, ' ')).join('\t'))
    .join('\n')}\n`;
}

/** The `pipewright-summary/v1` object, as `simulate --json` prints it. */
export const summaryJson = (summary: RunSummary): string => `${JSON.stringify(summary, null, 2)}\n`;

/** A file name from the document's name: `welcome-emails-simulation.csv`. */
export function resultFileName(documentName: string, mode: string, extension: string): string {
  const base =
    documentName
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'pipeline';
  return `${base}-${mode}.${extension}`;
}
