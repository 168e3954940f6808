import { useAnalysis } from '../state/analysis-store';
import { selectionOf, setSelection } from '../state/selection-store';
import { canvasView } from '../canvas/view';
import { formatClock } from '../../shared/metrics/format';
import { useNodeOrder } from './useAnalysisView';
import { growingQueues } from './verdicts';
import './bottom-panel.css';

/**
 * The "growing" verdict, stated plainly: which queues grow without bound and when their backlog
 * crossed the threshold. Click a queue to find it on the canvas.
 */
export function GrowingBanner({ compact = false }: { compact?: boolean }) {
  const summary = useAnalysis((s) => s.summary);
  const order = useNodeOrder();
  const growing = growingQueues(summary, order);
  if (growing.length === 0) {
    // A run cut short by a budget has not shown its queues stable (EarlyStopBanner says why).
    if (!summary || compact || summary.stoppedEarly) return null;
    const queues = Object.values(summary.nodes).filter((n) => n.kind === 'queue').length;
    return (
      <p className="verdict-banner verdict-banner--stable" data-testid="verdict-stable">
        ✓ Every queue is stable:{' '}
        {queues === 1 ? 'its backlog stays' : `all ${queues} backlogs stay`} bounded at this load.
      </p>
    );
  }
  const reveal = (id: string) => {
    setSelection(selectionOf([id]));
    canvasView()?.fit([id]);
  };
  if (compact) {
    const first = growing[0]!;
    const since = first.sinceMs !== undefined ? ` since ${formatClock(first.sinceMs)}` : '';
    const names = growing.map((q) => q.name).join(', ');
    return (
      <button
        type="button"
        className="verdict-banner verdict-banner--growing verdict-banner--compact"
        title={`${names}: the backlog grows without bound. Click to find it on the canvas.`}
        onClick={() => reveal(first.id)}
        data-testid="verdict-growing-compact"
      >
        ⚠ {names} {growing.length === 1 ? 'grows' : 'grow'} without bound
        {growing.length === 1 ? since : ''}
      </button>
    );
  }
  return (
    <div
      className="verdict-banner verdict-banner--growing"
      role="alert"
      data-testid="verdict-growing"
    >
      <strong>⚠ Growing without bound:</strong>{' '}
      {growing.map((q, i) => (
        <span key={q.id}>
          {i > 0 ? ', ' : ''}
          <button type="button" className="link-btn" onClick={() => reveal(q.id)}>
            {q.name}
          </button>
          {q.sinceMs !== undefined ? (
            <span> (backlog over the threshold since {formatClock(q.sinceMs)})</span>
          ) : null}
        </span>
      ))}
      <span className="verdict-banner__hint">
        {' '}
        Its workers cannot keep up: raise their concurrency or replicas, or lower the load — the
        inspector shows the capacity queueing theory asks for.
      </span>
    </div>
  );
}
