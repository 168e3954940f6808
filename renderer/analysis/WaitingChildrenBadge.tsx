import { useAnalysisShallow } from '../state/analysis-store';
import { waitingChildrenFigures } from './waiting-children-view';
import './badges.css';

/**
 * Under a flow's parent queue: how many parents wait for their children (BullMQ's
 * waiting-children), live in a run, on the timeline's frame, or the Results mean once finished.
 */
export function WaitingChildrenBadge({ nodeId }: { nodeId: string }) {
  const f = useAnalysisShallow((s) => waitingChildrenFigures(s, nodeId));
  if (!f) return null;
  return (
    <div
      className={`waiting-children-badge waiting-children-badge--${f.mode}`}
      data-testid="waiting-children-badge"
      data-mode={f.mode}
      title={f.about}
      aria-label={`${f.value} waiting for children ${f.qualifier ?? ''}`.trim()}
    >
      <b data-testid="waiting-children-value">{f.value}</b> waiting for children
      {f.qualifier ? <span className="live-badge__muted"> {f.qualifier}</span> : null}
    </div>
  );
}
