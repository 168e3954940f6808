import { formatPercent, formatRho } from '../../shared/metrics/format';
import { useWorkerRho } from './theory';
import './badges.css';

/**
 * The utilisation ρ = λ·E[S]/c a worker will run at, from queueing theory as the pipeline is
 * drawn (no simulation needed); in the warning colour when ρ ≥ 1, i.e. it cannot keep up.
 */
export function RhoBadge({ nodeId }: { nodeId: string }) {
  const rho = useWorkerRho(nodeId);
  if (rho === undefined || !Number.isFinite(rho)) return null;
  const over = rho >= 1;
  const title = over
    ? `ρ = ${formatRho(rho)} ≥ 1: jobs arrive faster than this worker finishes them; its queue grows without bound`
    : `ρ = ${formatRho(rho)}: by queueing theory this worker is busy ${formatPercent(rho)} of the time`;
  return (
    <div
      className={`rho-badge${over ? ' rho-badge--over' : rho >= 0.85 ? ' rho-badge--high' : ''}`}
      title={title}
      data-testid="rho-badge"
    >
      ρ {formatRho(rho)}
      {over ? ' ⚠' : ''}
    </div>
  );
}
