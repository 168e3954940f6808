import { cancelSimulation } from '../simulation/session';
import { useAnalysis } from '../state/analysis-store';
import { formatProgress } from '../../shared/metrics/format';
import { useStale } from './useAnalysisView';
import './bottom-panel.css';

/** One line about the current analysis: what it is, how far it got, and whether it is stale. */
export function AnalysisStatus() {
  const status = useAnalysis((s) => s.status);
  const source = useAnalysis((s) => s.source);
  const label = useAnalysis((s) => s.meta?.label ?? '');
  const progress = useAnalysis((s) => s.progress);
  const serial = useAnalysis((s) => s.serial);
  // A real run without a set duration, or a monitor, has no end to measure progress against.
  const open = useAnalysis(
    (s) => s.source !== 'simulation' && s.meta?.expectedDurationMs === undefined,
  );
  const stoppedEarly = useAnalysis((s) => s.summary?.stoppedEarly !== undefined);
  const stale = useStale();
  if (status === 'idle') return null;
  return (
    <div
      className={`analysis-status analysis-status--${status}`}
      data-testid="analysis-status"
      data-serial={serial}
    >
      {status === 'running' && open ? (
        <span title={label}>
          {source === 'monitor' ? 'Watching' : 'Live'}{' '}
          <span className="analysis-status__label">{label}</span>
        </span>
      ) : status === 'running' ? (
        <>
          <span className="analysis-status__progress" aria-hidden="true">
            <span style={{ width: `${progress * 100}%` }} />
          </span>
          <span>
            {source === 'simulation' ? 'Simulating' : 'Running'} {formatProgress(progress)}
          </span>
          {source === 'simulation' ? (
            <button
              type="button"
              className="btn btn--small"
              onClick={cancelSimulation}
              data-testid="status-cancel"
            >
              Cancel
            </button>
          ) : null}
        </>
      ) : (
        <span title={label}>
          {status === 'done'
            ? stoppedEarly
              ? '⚠'
              : '✓'
            : status === 'cancelled'
              ? '⨯ cancelled'
              : '⚠ failed'}{' '}
          <span className="analysis-status__label">{label}</span>
        </span>
      )}
      {stale ? (
        <span
          className="analysis-status__stale"
          title="The figures are from the pipeline before your last edits"
          data-testid="analysis-stale"
        >
          {source === 'simulation'
            ? 'pipeline changed since · F5 to simulate again'
            : 'pipeline changed since these figures'}
        </span>
      ) : null}
    </div>
  );
}
