import { canvasView } from '../canvas/view';
import { useAnalysis } from '../state/analysis-store';
import { selectionOf, setSelection } from '../state/selection-store';
import { formatCompactCount, formatMs, formatRate } from '../../shared/metrics/format';
import './bottom-panel.css';

/** The message without its "Stopped early at … of …:" opening, which the heading says. */
const cause = (message: string) => message.replace(/^Stopped early [^:]*: /, '');

/**
 * A simulation that stopped at a budget says so first: why, when, and the queues that were piling
 * up (with depth and growth), each a link to the queue on the canvas. The figures below it cover
 * only the span before the stop.
 */
export function EarlyStopBanner({ compact = false }: { compact?: boolean }) {
  const stop = useAnalysis((s) => s.summary?.stoppedEarly);
  if (!stop) return null;
  const reveal = (id: string) => {
    setSelection(selectionOf([id]));
    canvasView()?.fit([id]);
  };
  if (compact) {
    return (
      <span
        className="verdict-banner verdict-banner--growing verdict-banner--compact"
        title={stop.message}
        data-testid="early-stop-compact"
      >
        ⚠ Stopped early at {formatMs(stop.atMs)}
      </span>
    );
  }
  return (
    <div className="verdict-banner verdict-banner--growing" role="alert" data-testid="early-stop">
      <strong>⚠ Stopped early at {formatMs(stop.atMs)} of simulated time:</strong>{' '}
      <span className="verdict-banner__hint">{cause(stop.message)}</span>
      {stop.growingQueues.length > 0 ? (
        <ul className="early-stop__queues" data-testid="early-stop-queues">
          {stop.growingQueues.map((q) => (
            <li key={q.id}>
              <button type="button" className="link-btn" onClick={() => reveal(q.id)}>
                {q.name}
              </button>
              : {formatCompactCount(q.depth)} jobs queued, growing by{' '}
              {q.growthPerSec >= 10_000
                ? `${formatCompactCount(q.growthPerSec)}/s`
                : formatRate(q.growthPerSec)}
            </li>
          ))}
        </ul>
      ) : null}
      <span className="verdict-banner__hint">
        {' '}
        The figures below cover only the {formatMs(stop.atMs)} before the stop.
      </span>
    </div>
  );
}
