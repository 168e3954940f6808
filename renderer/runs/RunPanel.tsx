import { KindIcon } from '../canvas/nodes/KindIcon';
import { isRunActive, useRun } from '../state/run-store';
import { ComparisonTable } from './ComparisonTable';
import { NodeControls } from './LiveControls';
import { ReportButtons } from './RunBanner';
import './runs.css';
import { plural } from '../../shared/plural';

function ControlsTable() {
  const nodes = useRun((s) => s.document?.nodes ?? []);
  const errors = useRun((s) => s.controlErrors);
  return (
    <table className="run-table run-controls-table" data-testid="run-controls">
      <tbody>
        {nodes.map((node) => (
          <tr key={node.id} data-testid={`run-node-${node.id}`}>
            <th scope="row" className={`k-${node.kind}`}>
              <KindIcon kind={node.kind} size={14} /> {node.name}
            </th>
            <td>
              <div className="run-controls-row">
                <NodeControls node={node} />
              </div>
              {errors[node.id] ? (
                <p className="field__error" role="alert" data-testid={`run-error-${node.id}`}>
                  {errors[node.id]}
                </p>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Outcome() {
  const result = useRun((s) => s.result);
  if (!result) return null;
  return (
    <p className="run-muted" data-testid="run-outcome">
      {result.drained ? 'The queues were drained before stopping. ' : ''}
      {result.keysKept
        ? 'The run’s keys were kept in Redis.'
        : `${plural(result.keysRemoved, 'key')} removed from Redis.`}
    </p>
  );
}

/**
 * The Run tab: steer every node while a run is on; afterwards, predicted versus measured and the
 * report.
 */
export function RunPanel() {
  const state = useRun((s) => s.status.state);
  const active = useRun(isRunActive);
  const comparison = useRun((s) => s.comparison);
  const comparisonError = useRun((s) => s.comparisonError);
  const hasRun = useRun((s) => s.document !== null);
  return (
    <section className="run-panel" aria-label="Run" data-testid="run-panel">
      {state === 'running' ? (
        <ControlsTable />
      ) : active ? (
        <p className="run-muted">The run is {state}…</p>
      ) : hasRun && state === 'stopped' ? (
        <>
          <div className="run-panel__actions">
            <Outcome />
            <span className="run-panel__spacer" />
            <ReportButtons />
          </div>
          {comparison ? <ComparisonTable comparison={comparison} /> : null}
          {comparisonError ? <p className="status-warning">{comparisonError}</p> : null}
        </>
      ) : (
        <p className="run-muted">
          Press <b>Run</b> to run this pipeline for real: BullMQ queues and workers on a local Redis
          (Pipewright starts one if none answers), with synthetic load and work. Its figures appear
          on the canvas, in Metrics and in Results; steer each node here or in the inspector; after
          it stops, compare it with the simulator’s prediction.
        </p>
      )}
    </section>
  );
}
