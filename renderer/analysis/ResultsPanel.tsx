import type { ReactNode } from 'react';
import type { RunSummary } from '../../shared/metrics/types';
import { useAnalysis } from '../state/analysis-store';
import { showToast } from '../state/toast-store';
import { downloadText } from './download';
import {
  formatClock,
  formatCompactCount,
  formatMs,
  formatPercent,
  formatRate,
} from '../../shared/metrics/format';
import {
  columnsOf,
  resultFileName,
  resultRows,
  summaryCsv,
  summaryJson,
  summaryTsv,
  type ResultRow,
} from './results-table';
import { useNodeOrder, useStale } from './useAnalysisView';
import { EarlyStopBanner } from './EarlyStopBanner';
import { GrowingBanner } from './GrowingBanner';
import { formatMeanCount } from './waiting-children-view';
import { ScenarioResults } from './ScenarioResults';
import { useDocument } from '../state/document-store';
import './results.css';

type Format = (v: number) => string;

interface DisplayColumn {
  key: string;
  title: string;
  format: Format;
  /** The half-width in the value's own unit (a rate's ± stays per second). */
  formatCi?: Format;
  /** Shown only when a row has it (a flow's parent queue). */
  optional?: true;
}

const perSec: Format = (v) => `${Number(v.toPrecision(2))}/s`;

const ms: Format = formatMs;
const count: Format = formatCompactCount;

const DISPLAY: Record<'producer' | 'queue' | 'worker' | 'pipeline', DisplayColumn[]> = {
  producer: [
    { key: 'created', title: 'Created', format: count },
    { key: 'ratePerSec', title: 'Rate', format: formatRate, formatCi: perSec },
  ],
  queue: [
    { key: 'enqueued', title: 'Enqueued', format: count },
    { key: 'waiting.mean', title: 'Waiting (mean)', format: count },
    { key: 'waiting.max', title: 'Waiting (max)', format: count },
    {
      key: 'waitingChildren.mean',
      title: 'Waiting for children (mean)',
      format: formatMeanCount,
      optional: true,
    },
    {
      key: 'waitingChildren.max',
      title: 'Waiting for children (max)',
      format: count,
      optional: true,
    },
    { key: 'waitMs.mean', title: 'Wait mean', format: ms },
    { key: 'waitMs.p50', title: 'p50', format: ms },
    { key: 'waitMs.p95', title: 'p95', format: ms },
    { key: 'waitMs.p99', title: 'p99', format: ms },
    { key: 'waitMs.max', title: 'max', format: ms },
  ],
  worker: [
    { key: 'completed', title: 'Completed', format: count },
    { key: 'failed', title: 'Failed', format: count },
    { key: 'retried', title: 'Retried', format: count },
    { key: 'throughputPerSec', title: 'Throughput', format: formatRate, formatCi: perSec },
    { key: 'utilisation', title: 'Utilisation', format: formatPercent },
    { key: 'serviceMs.mean', title: 'Service mean', format: ms },
    { key: 'serviceMs.p95', title: 'p95', format: ms },
    { key: 'serviceMs.p99', title: 'p99', format: ms },
  ],
  pipeline: [
    { key: 'endToEndMs.mean', title: 'End to end mean', format: ms },
    { key: 'endToEndMs.p50', title: 'p50', format: ms },
    { key: 'endToEndMs.p95', title: 'p95', format: ms },
    { key: 'endToEndMs.p99', title: 'p99', format: ms },
    { key: 'endToEndMs.max', title: 'max', format: ms },
  ],
};

const KIND_TITLES = {
  producer: 'Producer',
  queue: 'Queue',
  worker: 'Worker',
  pipeline: 'Pipeline',
};

function Cell({ row, column }: { row: ResultRow; column: DisplayColumn }) {
  const v = row.values[column.key];
  const ci = row.ci95[column.key];
  const ciText = ci !== undefined && ci > 0 ? (column.formatCi ?? column.format)(ci) : null;
  return (
    <td className="num">
      {typeof v === 'number' ? column.format(v) : '–'}
      {ciText !== null && !/^0( |$)/.test(ciText) ? <span className="ci"> ±{ciText}</span> : null}
    </td>
  );
}

function KindTable({ kind, rows }: { kind: keyof typeof DISPLAY; rows: ResultRow[] }) {
  if (rows.length === 0) return null;
  const columns = columnsOf(DISPLAY[kind], rows);
  return (
    <table className="results__table" data-testid={`results-${kind}`}>
      <thead>
        <tr>
          <th className="results__name">{KIND_TITLES[kind]}</th>
          {kind === 'queue' ? <th>Verdict</th> : null}
          {columns.map((c) => (
            <th key={c.key} className={c.optional ? 'num results__wrap' : 'num'}>
              {c.title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id || r.kind} data-testid={`result-row-${r.id || 'end-to-end'}`}>
            <td className="results__name">{r.name}</td>
            {kind === 'queue' ? (
              <td>
                {r.values.verdict === 'growing' ? (
                  <span className="verdict verdict--growing">
                    growing
                    {typeof r.values.growingSinceMs === 'number'
                      ? ` since ${formatClock(r.values.growingSinceMs)}`
                      : ''}
                  </span>
                ) : (
                  <span className="verdict verdict--stable">stable</span>
                )}
              </td>
            ) : null}
            {columns.map((c) => (
              <Cell key={c.key} row={r} column={c} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Actions({ summary, order }: { summary: RunSummary; order: readonly string[] }) {
  const mode = summary.mode === 'simulate' ? 'simulation' : 'run';
  const copy = () => {
    const text = summaryTsv(summary, order);
    navigator.clipboard
      .writeText(text)
      .then(() => showToast('Results copied: paste them into a spreadsheet or a message.'))
      .catch(() =>
        showToast('The clipboard refused the results; save them as CSV instead.', 'warning'),
      );
  };
  return (
    <div className="results__actions">
      <button type="button" className="btn btn--small" onClick={copy} data-testid="results-copy">
        Copy
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="results-csv"
        onClick={() =>
          downloadText(
            resultFileName(summary.document, mode, 'csv'),
            summaryCsv(summary, order),
            'text/csv',
          )
        }
      >
        Save CSV
      </button>
      <button
        type="button"
        className="btn btn--small"
        data-testid="results-json"
        onClick={() =>
          downloadText(
            resultFileName(summary.document, mode, 'json'),
            summaryJson(summary),
            'application/json',
          )
        }
      >
        Save JSON
      </button>
    </div>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return <p className="analysis-empty">{children}</p>;
}

/** The summary per node after a simulation or run: copy it, or save it as CSV or JSON. */
export function ResultsPanel() {
  const summary = useAnalysis((s) => s.summary);
  const status = useAnalysis((s) => s.status);
  const error = useAnalysis((s) => s.error);
  const order = useNodeOrder();
  const stale = useStale();
  const source = useAnalysis((s) => s.source);
  const snapshots = useAnalysis((s) => s.snapshots);
  const analysed = useAnalysis((s) => s.meta?.document);
  const current = useDocument();
  if (status === 'error') {
    return (
      <div className="results" data-testid="results">
        <pre className="analysis-error" role="alert">
          {error}
        </pre>
      </div>
    );
  }
  if (!summary) {
    return (
      <div className="results" data-testid="results">
        <Empty>
          {status === 'running'
            ? 'Results appear here when the run ends.'
            : status === 'cancelled'
              ? 'The run was cancelled before it finished; press Simulate (F5) to run it again.'
              : 'Press Simulate (F5) to run the pipeline in the simulator: per-node figures appear here, ready to copy or save as CSV or JSON.'}
        </Empty>
      </div>
    );
  }
  const rows = resultRows(summary, order);
  const of = (kind: ResultRow['kind']) => rows.filter((r) => r.kind === kind);
  return (
    <div className={`results${stale ? ' results--stale' : ''}`} data-testid="results">
      {stale ? (
        <p className="results__stale" data-testid="results-stale">
          These figures are for the pipeline before your last edits
          {source === 'simulation' ? ': press Simulate (F5) for the pipeline as it is now.' : '.'}
        </p>
      ) : null}
      <div className="results__head">
        <span className="muted">
          {summary.mode === 'simulate' ? 'Simulated' : 'Measured'} {formatClock(summary.durationMs)}
          {summary.seed !== undefined ? ` · seed ${summary.seed}` : ''}
          {summary.replications && summary.replications > 1
            ? ` · mean of ${summary.replications} replications, ± 95% confidence`
            : ''}
        </span>
        <Actions summary={summary} order={order} />
      </div>
      <EarlyStopBanner />
      <GrowingBanner />
      <ScenarioResults summary={summary} snapshots={snapshots} doc={analysed ?? current} />
      <KindTable kind="producer" rows={of('producer')} />
      <KindTable kind="queue" rows={of('queue')} />
      <KindTable kind="worker" rows={of('worker')} />
      <KindTable kind="pipeline" rows={of('pipeline')} />
    </div>
  );
}
