import type { ReactNode } from 'react';
import type { PipelineNode, WorkerNode } from '../../shared/document';
import type { QueueStation, WorkerStation } from '../../shared/queueing';
import { useDocumentNode } from '../state/document-store';
import { formatMs, formatPercent, formatRate, formatRho } from '../../shared/metrics/format';
import { slotsNeeded, useQueueStation, useWorkerStation } from './theory';
import './theory.css';
import { plural } from '../../shared/plural';

function Row({ label, children, help }: { label: string; children: ReactNode; help?: string }) {
  return (
    <>
      <dt title={help}>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function RhoBar({ rho }: { rho: number }) {
  const over = rho >= 1;
  return (
    <div
      className={`theory__rho${over ? ' theory__rho--over' : rho >= 0.85 ? ' theory__rho--high' : ''}`}
      data-testid="theory-rho"
    >
      <span className="theory__rho-value">
        ρ {formatRho(rho).startsWith('<') ? '' : '= '}
        {formatRho(rho)}
      </span>
      <span className="theory__rho-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(1, rho) * 100}%` }} />
      </span>
    </div>
  );
}

function approx(station: QueueStation): string {
  return station.approximate ? '≈ ' : '';
}

/** Why a station cannot keep up, and what would fix it. */
function Overload({
  station,
  queueName,
  worker,
}: {
  station: QueueStation;
  queueName: string;
  worker?: WorkerNode | undefined;
}) {
  let fix: string;
  if (station.bottleneck === 'no-workers') {
    fix = 'No worker takes jobs from it: connect one.';
  } else if (station.bottleneck === 'rate-limit') {
    fix = `Its rate limit lets ${formatRate(station.rateLimitPerSec ?? 0)} start, but ${formatRate(station.attemptRatePerSec)} arrive: raise the limit.`;
  } else {
    const needed = slotsNeeded(station.offeredLoad);
    const others =
      station.servers - (worker ? worker.config.concurrency * worker.config.replicas : 0);
    const concurrency = worker
      ? Math.ceil(Math.max(1, needed - others) / worker.config.replicas)
      : undefined;
    fix =
      `It needs at least ${needed} slots, and has ${station.servers}` +
      (concurrency !== undefined ? `: raise concurrency to ${concurrency} or more.` : '.');
  }
  return (
    <div className="theory__overload" role="alert" data-testid="theory-overload">
      <strong>Cannot keep up.</strong> Jobs arrive at “{queueName}” faster than they are finished,
      so its backlog grows without bound. {fix}
    </div>
  );
}

function WaitRows({ station }: { station: QueueStation }) {
  if (!station.wait) return null;
  const a = approx(station);
  return (
    <>
      <Row label="P(wait)" help="Erlang C: the share of jobs that find every slot busy">
        {a}
        {formatPercent(station.wait.probabilityOfWaiting)}
      </Row>
      <Row label="Mean wait">
        {a}
        {formatMs(station.wait.meanWaitMs)}
      </Row>
      <Row label="p95 wait">
        <span data-testid="theory-p95">
          {a}
          {formatMs(station.wait.p95WaitMs)}
        </span>
      </Row>
    </>
  );
}

function StationFigures({
  station,
  queueName,
  worker,
  workerStation,
}: {
  station: QueueStation;
  queueName: string;
  worker?: WorkerNode;
  workerStation?: WorkerStation;
}) {
  const rho =
    workerStation && station.workerIds.length > 1 ? workerStation.utilisation : station.utilisation;
  const retries = station.attemptRatePerSec > station.arrivalRatePerSec * 1.0005;
  return (
    <>
      {Number.isFinite(rho) ? <RhoBar rho={rho} /> : null}
      <dl className="theory__figures">
        <Row label="Arrivals" help="New jobs per second into the queue">
          {formatRate(station.arrivalRatePerSec)}
          {retries ? (
            <span className="muted"> · {formatRate(station.attemptRatePerSec)} attempts</span>
          ) : null}
        </Row>
        <Row label="Offered load" help="λ·E[S]: slots busy on average">
          {formatRho(station.offeredLoad)} of {plural(station.servers, 'slot')}
        </Row>
        {station.unstable ? null : <WaitRows station={station} />}
      </dl>
      {station.unstable ? (
        <Overload station={station} queueName={queueName} worker={worker} />
      ) : null}
      <p className="theory__note">
        {station.approximate
          ? '≈ approximate (Allen–Cunneen): arrivals or service are not both exponential.'
          : 'Exact M/M/c (Erlang C): Poisson arrivals, exponential service.'}
        {station.workerIds.length > 1
          ? ` Waits are for queue “${queueName}”, shared by ${plural(station.workerIds.length, 'worker')}.`
          : worker
            ? ` Waits are for its queue “${queueName}”.`
            : ''}
      </p>
    </>
  );
}

function QueueTheory({ node }: { node: PipelineNode }) {
  const station = useQueueStation(node.id);
  if (!station) return null;
  return <StationFigures station={station} queueName={node.name} />;
}

function WorkerTheory({ node }: { node: WorkerNode }) {
  const station = useWorkerStation(node.id);
  const queueStation = useQueueStation(station?.queueId ?? '');
  const queueName = useDocumentNode(station?.queueId ?? '')?.name ?? '';
  if (!station) return null;
  if (!queueStation) {
    return <p className="theory__note">Connect a queue to this worker to see its load.</p>;
  }
  return (
    <StationFigures
      station={queueStation}
      queueName={queueName}
      worker={node}
      workerStation={station}
    />
  );
}

/**
 * Queueing theory for the selected queue or worker, while drawing: offered load, ρ, Erlang C's
 * probability of waiting, mean and p95 wait (≈ when approximate), and a clear mark when ρ ≥ 1.
 */
export function TheoryPanel({ nodes }: { nodes: readonly PipelineNode[] }) {
  const node = nodes.length === 1 ? nodes[0] : undefined;
  if (!node || node.kind === 'producer') return null;
  return (
    <fieldset className="group theory" data-testid="theory">
      <legend className="group__title">Queueing theory</legend>
      {node.kind === 'queue' ? <QueueTheory node={node} /> : <WorkerTheory node={node} />}
    </fieldset>
  );
}
