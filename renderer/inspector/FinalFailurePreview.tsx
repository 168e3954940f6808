import { useMemo } from 'react';
import type { QueueNode } from '../../shared/document';
import { meanServiceMs } from '../../shared/document/defaults';
import { retryLoadMultiplier, timeToFinalFailure } from '../../shared/queueing/retries';
import { formatMs } from '../../shared/metrics/format';
import { useDocument } from '../state/document-store';

const W = 260;
const H = 56;

/**
 * "When does a job fail for good?" for one queue: the distribution of the time from a job's first
 * attempt to its final failure (backoffs with their jitter, plus each attempt's mean service time
 * on the queue's slowest worker), and how much retries multiply the work while everything fails.
 */
export function FinalFailurePreview({ queue }: { queue: QueueNode }) {
  const doc = useDocument();
  const serviceMs = useMemo(() => {
    const workerIds = new Set(doc.edges.filter((e) => e.from === queue.id).map((e) => e.to));
    const means = doc.nodes.flatMap((n) =>
      n.kind === 'worker' && workerIds.has(n.id) ? [meanServiceMs(n.config.service)] : [],
    );
    return means.length > 0 ? Math.max(...means) : 0;
  }, [doc, queue.id]);
  const t = useMemo(() => timeToFinalFailure(queue.config, serviceMs), [queue.config, serviceMs]);
  const attempts = t.attempts;
  const spread = t.maxMs - t.minMs;
  const sx = (ms: number) => (spread > 0 ? ((ms - t.minMs) / spread) * (W - 8) + 4 : W / 2);
  const sy = (p: number) => H - 4 - p * (H - 10);
  const path = t.cdf
    .map((c, i) => `${i ? 'L' : 'M'}${sx(c.ms).toFixed(1)},${sy(c.p).toFixed(1)}`)
    .join('');
  const service = serviceMs > 0 ? ` and ${formatMs(serviceMs)} per attempt` : '';
  return (
    <figure className="final-failure" data-testid="final-failure">
      <figcaption className="final-failure__title">When does a job fail for good?</figcaption>
      {attempts === 1 ? (
        <p className="final-failure__text">
          On its first failure: this queue makes 1 attempt. Set Attempts above to retry.
        </p>
      ) : (
        <>
          <p className="final-failure__text" data-testid="final-failure-summary">
            After {attempts} attempts:{' '}
            {spread > 0 ? (
              <>
                {formatMs(t.minMs)} to {formatMs(t.maxMs)} after its first attempt started, half
                within {formatMs(t.p50Ms)}, 95% within {formatMs(t.p95Ms)}
              </>
            ) : (
              <>{formatMs(t.maxMs)} after its first attempt started</>
            )}
            {t.approximate ? ' (approximate)' : ''}.
          </p>
          {spread > 0 ? (
            <svg
              viewBox={`0 0 ${W} ${H}`}
              width="100%"
              height={H}
              role="img"
              aria-label={`Share of jobs failed for good by time, ${formatMs(t.minMs)} to ${formatMs(t.maxMs)}`}
            >
              <line x1="0" y1={H - 4} x2={W} y2={H - 4} className="dist-preview__axis" />
              <path d={path} className="final-failure__curve" />
              <line
                x1={sx(t.p95Ms)}
                y1={4}
                x2={sx(t.p95Ms)}
                y2={H - 4}
                className="dist-preview__p95"
              />
            </svg>
          ) : null}
          <p className="final-failure__text final-failure__faint">
            While its dependency is down every job is tried {attempts}×: {attempts}× the work for
            its workers ({retryLoadMultiplier(attempts, 0.5).toFixed(2)}× at a 50% failure rate).
            Assumes backoffs{service}, with no wait in line.
          </p>
        </>
      )}
    </figure>
  );
}
