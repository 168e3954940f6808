import {
  formatDifference,
  formatFigure,
  playedText,
  type NodeComparison,
  type RunChange,
  type RunComparison,
} from './comparison';
import { formatRunTime } from './run-log';
import { plural } from '../../shared/plural';
import type { RunSummary } from '../../shared/metrics/types';

const clock = (ms: number) => formatRunTime(ms).replace(/\.\d$/, '');

/** What was changed while the run was on: the prediction replays the same at the same times. */
function LiveChanges({ changes, summary }: { changes: RunChange[]; summary: RunSummary }) {
  const played = playedText(summary);
  if (changes.length === 0) {
    return (
      <p className="run-muted" data-testid="comparison-basis">
        {played
          ? `${played}; the prediction plays the same at the same times. It was not steered.`
          : 'The run was not steered: the prediction is for the pipeline as designed.'}
      </p>
    );
  }
  return (
    <div className="run-changes" data-testid="comparison-basis">
      {played ? <p className="run-muted">{played}; the prediction plays the same.</p> : null}
      <p className="status-warning">
        {plural(changes.length, 'live change')} made during the run; the prediction replays{' '}
        {changes.length === 1 ? 'it' : 'them'} at the same times:
      </p>
      <ol className="run-changes__list" data-testid="run-changes">
        {changes.map((c, i) => (
          <li key={i}>
            <span className="run-changes__at">{clock(c.atMs)}</span> {c.description}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The simulator's prediction beside the run's measured figures, per node, with the difference. */
export function ComparisonTable({ comparison }: { comparison: RunComparison }) {
  const span = clock(comparison.durationMs);
  return (
    <div className="run-table-wrap">
      <p className="run-muted">
        The simulator’s prediction for the same pipeline over the measured {span}, beside what the
        run measured. Differences within ±15 % are shown in green.
      </p>
      <LiveChanges changes={comparison.changes} summary={comparison.summary} />
      {comparison.missing ? <p className="status-warning">{comparison.missing}</p> : null}
      <ComparisonRows nodes={comparison.nodes} />
    </div>
  );
}

/** Predicted and measured figures per node, with the difference (runs and imports alike). */
export function ComparisonRows({ nodes }: { nodes: readonly NodeComparison[] }) {
  return (
    <table className="run-table" data-testid="comparison-table">
      <thead>
        <tr>
          <th>Node</th>
          <th>Figure</th>
          <th className="num">Predicted</th>
          <th className="num">Measured</th>
          <th className="num">Difference</th>
        </tr>
      </thead>
      <tbody>
        {nodes.flatMap((node) =>
          node.rows.map((row, i) => {
            const diff = formatDifference(row.differencePercent);
            return (
              <tr key={`${node.nodeId}-${row.figure}`} data-testid={`comparison-${node.nodeId}`}>
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={node.rows.length}>
                    {node.name}
                  </th>
                ) : null}
                <td>{row.figure}</td>
                <td className="num">{formatFigure(row.figure, row.predicted)}</td>
                <td className="num">{formatFigure(row.figure, row.measured)}</td>
                <td className={`num status-${diff.tone}`}>{diff.text}</td>
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
