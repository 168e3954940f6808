import { formatDifference, formatFigure, type RunComparison } from './comparison';
import { formatRunTime } from './run-log';

/** The simulator's prediction beside the run's measured figures, per node, with the difference. */
export function ComparisonTable({ comparison }: { comparison: RunComparison }) {
  const span = formatRunTime(comparison.durationMs).replace(/\.\d$/, '');
  return (
    <div className="run-table-wrap">
      <p className="run-muted">
        The simulator’s prediction for the same pipeline over the measured {span}, beside what the
        run measured. Differences within ±15 % are shown in green.
      </p>
      {comparison.missing ? <p className="status-warning">{comparison.missing}</p> : null}
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
          {comparison.nodes.flatMap((node) =>
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
    </div>
  );
}
