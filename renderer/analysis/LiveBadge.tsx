import type { NodeFigures } from '../../shared/metrics/types';
import { useAnalysis } from '../state/analysis-store';
import { useNodeFigures } from '../state/live-store';
import { formatCount, formatLatency, formatPercent, formatRate } from './format';
import './badges.css';

function UtilisationBar({ fraction }: { fraction: number }) {
  const pct = Math.max(0, Math.min(1, fraction)) * 100;
  const level = fraction >= 0.95 ? 'hot' : fraction >= 0.8 ? 'warm' : 'ok';
  return (
    <span className={`util-bar util-bar--${level}`} aria-hidden="true">
      <span className="util-bar__fill" style={{ width: `${pct}%` }} />
    </span>
  );
}

function Figures({ figures, growing }: { figures: NodeFigures; growing: boolean }) {
  switch (figures.kind) {
    case 'producer':
      return (
        <>
          <b>{formatRate(figures.ratePerSec)}</b>
          <span className="live-badge__muted">{formatCount(figures.created)} made</span>
        </>
      );
    case 'queue':
      return (
        <>
          {growing ? (
            <span className="live-badge__growing" title="Growing without bound">
              ↗
            </span>
          ) : null}
          <b data-testid="badge-depth">{formatCount(figures.waiting)}</b>
          <span className="live-badge__muted">waiting</span>
          {figures.delayed > 0 ? (
            <span className="live-badge__muted">+{formatCount(figures.delayed)} delayed</span>
          ) : null}
          <span className="live-badge__sep" />
          <span className="live-badge__muted">p95</span>
          <b data-testid="badge-p95">{formatLatency(figures.waitMs.p95)}</b>
        </>
      );
    case 'worker':
      return (
        <>
          <b data-testid="badge-throughput">{formatRate(figures.throughputPerSec)}</b>
          <UtilisationBar fraction={figures.utilisation} />
          <span data-testid="badge-utilisation">{formatPercent(figures.utilisation)}</span>
          {figures.failed > 0 ? (
            <span
              className="live-badge__failed"
              data-testid="badge-failed"
              title="Jobs that failed their last attempt so far"
            >
              {formatCount(figures.failed)} failed
            </span>
          ) : null}
        </>
      );
  }
}

/**
 * Live figures of a simulation or a run on a node, read from the live store by node id (never
 * from node.data): a queue's depth and p95 wait, a worker's throughput and utilisation, a
 * producer's rate. Renders nothing until there are figures.
 */
export function LiveBadge({ nodeId }: { nodeId: string }) {
  const figures = useNodeFigures(nodeId);
  const growing = useAnalysis((s) => {
    const node = s.summary?.nodes[nodeId];
    return node?.kind === 'queue' && node.verdict === 'growing';
  });
  if (!figures) return null;
  const hot =
    growing ||
    (figures.kind === 'worker' && figures.utilisation >= 0.95) ||
    (figures.kind === 'queue' && figures.waiting >= 1000);
  return (
    <div
      className={`live-badge live-badge--${figures.kind}${hot ? ' live-badge--hot' : ''}`}
      data-testid="live-badge"
    >
      <Figures figures={figures} growing={growing} />
    </div>
  );
}
