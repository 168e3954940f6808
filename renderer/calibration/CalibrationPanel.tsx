import type { CalibrationReport, InferredEdge } from '../../shared/calibration';
import type { PipelineDocument } from '../../shared/document';
import { formatClock } from '../../shared/metrics/format';
import { groupByNode as comparisonByNode } from '../runs/comparison';
import { ComparisonRows } from '../runs/ComparisonTable';
import { useCalibration } from '../state/calibration-store';
import { useDocument } from '../state/document-store';
import { FitHistogram } from './FitHistogram';
import { fieldLabel, formatEstimate, formatFitted, groupByNode } from './report-view';
import { openImportDialog } from './import-controller';
import './calibration.css';

const EVIDENCE: Record<InferredEdge['evidence'], string> = {
  'flow-parent': 'flow parents',
  'trace-id': 'trace ids',
  timing: 'timing',
};

function Source({ report }: { report: CalibrationReport }) {
  const span = report.window.toMs - report.window.fromMs;
  return (
    <p className="run-muted" data-testid="calibration-source">
      Measured at {report.redis}, prefix “{report.prefix}”, over {formatClock(span)} (from{' '}
      {new Date(report.window.fromMs).toISOString().replace('T', ' ').slice(0, 19)} UTC)
      {report.listenedMs > 0 ? `, listening live for ${formatClock(report.listenedMs)}` : ''}.
    </p>
  );
}

function Values({ report, doc }: { report: CalibrationReport; doc: PipelineDocument }) {
  return (
    <table className="run-table calibration__values" data-testid="calibration-values">
      <thead>
        <tr>
          <th>Node</th>
          <th>Field</th>
          <th>Value</th>
          <th className="num">Sample</th>
          <th className="num">KS</th>
          <th>Estimate (95 % interval)</th>
        </tr>
      </thead>
      <tbody>
        {groupByNode(report, doc).flatMap((group) =>
          group.values.map((v, i) => (
            <tr
              key={`${v.nodeId}-${v.field}`}
              data-testid={`calibration-value-${v.nodeId}-${v.field}`}
            >
              {i === 0 ? (
                <th scope="rowgroup" rowSpan={group.values.length}>
                  {group.name}
                </th>
              ) : null}
              <td>{fieldLabel(v.field)}</td>
              <td>{formatFitted(v.field, v.value)}</td>
              <td className="num">{v.sample}</td>
              <td className="num">{v.ks === undefined ? '' : v.ks.toFixed(3)}</td>
              <td>{formatEstimate(v.field, v.estimate, v.ci95)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function Edges({ edges }: { edges: readonly InferredEdge[] }) {
  if (edges.length === 0) {
    return <p className="run-muted">No edges between queues were inferred.</p>;
  }
  return (
    <ul className="calibration__edges" data-testid="calibration-edges">
      {edges.map((e) => (
        <li key={`${e.from}-${e.to}-${e.on ?? 'completed'}`}>
          <strong>
            {e.from} → {e.to}
          </strong>{' '}
          <span className="calibration__tag">inferred from {EVIDENCE[e.evidence]}</span>
          {e.on === 'failed' ? <span className="calibration__tag">dead letters</span> : null} p ={' '}
          {Number(e.probability.toFixed(3))}. {e.detail}.
        </li>
      ))}
    </ul>
  );
}

/**
 * The Calibration tab: where the imported pipeline's numbers come from — the window, every fitted
 * value with its sample, fit and interval, histograms with the fitted curves, the inferred edges
 * and their evidence, warnings, and the imported model's prediction beside what Redis measured.
 */
export function CalibrationPanel() {
  const report = useCalibration((s) => s.report);
  const prediction = useCalibration((s) => s.prediction);
  const predictionError = useCalibration((s) => s.predictionError);
  const doc = useDocument();
  if (!report) {
    return (
      <div className="calibration calibration--empty" data-testid="calibration-panel">
        <p className="run-muted">
          Import a running BullMQ deployment to draw it with measured numbers and predict it.
        </p>
        <button type="button" className="btn" onClick={openImportDialog}>
          Import from Redis…
        </button>
      </div>
    );
  }
  const charts = report.values.filter((v) => v.histogram && v.histogram.counts.length > 0);
  const names = new Map(doc.nodes.map((n) => [n.id, n.name] as const));
  return (
    <div className="calibration" data-testid="calibration-panel">
      <Source report={report} />
      {report.warnings.length > 0 ? (
        <ul className="calibration__warnings" data-testid="calibration-warnings">
          {report.warnings.map((w) => (
            <li key={w} className="status-warning">
              {w}
            </li>
          ))}
        </ul>
      ) : null}
      <h3 className="calibration__heading">Predicted versus measured</h3>
      {prediction ? (
        <ComparisonRows nodes={comparisonByNode(prediction)} />
      ) : (
        <p className="run-muted" data-testid="calibration-prediction-status">
          {predictionError ?? 'Simulating the imported pipeline over the same window…'}
        </p>
      )}
      <h3 className="calibration__heading">Inferred edges</h3>
      <Edges edges={report.inferredEdges} />
      <h3 className="calibration__heading">Fitted values</h3>
      <Values report={report} doc={doc} />
      {charts.length > 0 ? (
        <div className="calibration__charts">
          {charts.map((v) => (
            <FitHistogram
              key={`${v.nodeId}-${v.field}`}
              value={v}
              title={`${names.get(v.nodeId) ?? v.nodeId}: ${v.field === 'arrival' ? 'gaps between arrivals' : 'service time'}`}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}
