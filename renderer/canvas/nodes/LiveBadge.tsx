import type { NodeFigures } from '../../../shared/metrics/types';
import { useNodeFigures } from '../../state/live-store';
import { formatRate } from '../format';

function describe(figures: NodeFigures): { text: string; hot: boolean } {
  switch (figures.kind) {
    case 'producer':
      return { text: `${formatRate(figures.ratePerSec)} · ${figures.created} made`, hot: false };
    case 'queue':
      return {
        text: `${figures.waiting} waiting · ${figures.active} active${figures.delayed ? ` · ${figures.delayed} delayed` : ''}`,
        hot: figures.waiting > 1000,
      };
    case 'worker':
      return {
        text: `${Math.round(figures.utilisation * 100)}% busy · ${formatRate(figures.throughputPerSec)}`,
        hot: figures.utilisation > 0.9,
      };
  }
}

/**
 * Live figures of a simulation or run, read from the live store by node id (never from
 * node.data). Renders nothing until something is running.
 */
export function LiveBadge({ nodeId }: { nodeId: string }) {
  const figures = useNodeFigures(nodeId);
  if (!figures) return null;
  const { text, hot } = describe(figures);
  return (
    <div className={`live-badge${hot ? ' live-badge--hot' : ''}`} data-testid="live-badge">
      {text}
    </div>
  );
}
