import type { ServiceDistribution } from '../../shared/document';
import { formatMs } from '../../shared/metrics/format';
import { distributionCurve } from './distribution-shape';

const W = 260;
const H = 64;

/** A small live chart of the service-time distribution, with its mean and 95th percentile. */
export function DistributionPreview({ service }: { service: ServiceDistribution }) {
  const curve = distributionCurve(service);
  const sx = (x: number) => (x / curve.maxX) * W;
  const sy = (y: number) => H - 4 - y * (H - 10);
  const path = curve.points
    .map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`)
    .join('');
  return (
    <figure className="dist-preview" data-testid="distribution-preview">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        height={H}
        role="img"
        aria-label={`Service time: mean ${formatMs(curve.mean)}, 95% under ${formatMs(curve.p95)}`}
      >
        <line x1="0" y1={H - 4} x2={W} y2={H - 4} className="dist-preview__axis" />
        {curve.spike ? (
          <line
            x1={sx(curve.mean)}
            y1={H - 4}
            x2={sx(curve.mean)}
            y2={6}
            className="dist-preview__curve"
          />
        ) : (
          <>
            <path d={`${path}L${W},${H - 4}L0,${H - 4}Z`} className="dist-preview__fill" />
            <path d={path} className="dist-preview__curve" />
          </>
        )}
        <line
          x1={sx(curve.mean)}
          y1={4}
          x2={sx(curve.mean)}
          y2={H - 4}
          className="dist-preview__mean"
        />
        <line
          x1={sx(curve.p95)}
          y1={4}
          x2={sx(curve.p95)}
          y2={H - 4}
          className="dist-preview__p95"
        />
      </svg>
      <figcaption>
        <span className="dist-preview__key dist-preview__key--mean">
          mean {formatMs(curve.mean)}
        </span>
        <span className="dist-preview__key dist-preview__key--p95">
          95% under {formatMs(curve.p95)}
        </span>
      </figcaption>
    </figure>
  );
}
