import { useAnalysis, useAnalysisShallow } from '../state/analysis-store';
import { badgeFigures, type BadgeFigures } from './badge-view';
import { formatClock } from '../../shared/metrics/format';
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

function Figures({ b, growing }: { b: BadgeFigures; growing: boolean }) {
  switch (b.kind) {
    case 'producer':
      return (
        <>
          <b>{b.main}</b>
          <span className="live-badge__muted">{b.mainLabel}</span>
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
          <b data-testid="badge-depth">{b.main}</b>
          <span className="live-badge__muted">{b.mainLabel}</span>
          {b.delayed ? <span className="live-badge__muted">{b.delayed}</span> : null}
          <span className="live-badge__sep" />
          <span className="live-badge__muted" data-testid="badge-metric-label">
            {b.metricLabel}
          </span>
          <b data-testid="badge-p95">{b.metric}</b>
        </>
      );
    case 'worker':
      return (
        <>
          <b data-testid="badge-throughput">{b.main}</b>
          <UtilisationBar fraction={b.utilisation ?? 0} />
          <span data-testid="badge-utilisation">{b.utilisationText}</span>
          {b.failed ? (
            <span
              className="live-badge__failed"
              data-testid="badge-failed"
              title="Jobs that failed their last attempt so far"
            >
              {b.failed}
            </span>
          ) : null}
        </>
      );
  }
}

/**
 * The figures of a simulation or a run on a node (read from the analysis store by node id, never
 * from node.data): a queue's depth and p95 wait, a worker's throughput and utilisation, a
 * producer's rate. Once the analysis has finished they are the Results table's figures; on an
 * earlier frame of the timeline the badge is marked with that frame's time. Renders nothing until
 * there are figures.
 */
export function LiveBadge({ nodeId }: { nodeId: string }) {
  const b = useAnalysisShallow((s) => badgeFigures(s, nodeId));
  const growing = useAnalysis((s) => {
    const node = s.summary?.nodes[nodeId];
    return node?.kind === 'queue' && node.verdict === 'growing';
  });
  if (!b) return null;
  const hot = growing || b.hot;
  return (
    <div
      className={`live-badge live-badge--${b.kind} live-badge--${b.mode}${hot ? ' live-badge--hot' : ''}`}
      data-testid="live-badge"
      data-mode={b.mode}
      title={b.about}
      aria-label={b.about}
    >
      {b.t !== null ? (
        <span className="live-badge__at" data-testid="badge-frame-time">
          @{formatClock(b.t)}
        </span>
      ) : null}
      <Figures b={b} growing={growing} />
    </div>
  );
}
