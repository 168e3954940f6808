import { useId, useState } from 'react';
import {
  meanArrivalRatePerSec,
  type PipelineNode,
  type ProducerNode,
  type WorkerNode,
} from '../../shared/document';
import { fractionOf, parsePercent } from '../inspector/percent';
import { useRun } from '../state/run-store';
import { sendControl } from './run-controller';

/** A number as typed; text that is not one goes to the host as-is so it can say what is wrong. */
const typed = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

function ApplyField({
  label,
  unit,
  initial,
  testId,
  onApply,
}: {
  label: string;
  unit: string;
  initial: number;
  testId: string;
  onApply: (text: string) => Promise<boolean>;
}) {
  const [text, setText] = useState(() => String(initial));
  const [busy, setBusy] = useState(false);
  const id = useId();
  const apply = async () => {
    setBusy(true);
    try {
      await onApply(text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="live-field"
      onSubmit={(e) => {
        e.preventDefault();
        void apply();
      }}
    >
      <label className="live-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--number live-field__input"
        inputMode="decimal"
        data-testid={testId}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <span className="field__unit">{unit}</span>
      <button type="submit" className="btn live-field__apply" disabled={busy}>
        Set
      </button>
    </form>
  );
}

function ProducerControls({ node }: { node: ProducerNode }) {
  const override = useRun((s) => s.overrides[node.id]);
  const rate = override?.ratePerSec ?? meanArrivalRatePerSec(node.config.arrival);
  return (
    <ApplyField
      key={rate}
      label="Rate"
      unit="jobs/s"
      initial={Math.round(rate * 100) / 100}
      testId={`live-rate-${node.id}`}
      onApply={(text) =>
        sendControl({ type: 'rate', producerId: node.id, ratePerSec: typed(text) })
      }
    />
  );
}

function QueueControls({ nodeId }: { nodeId: string }) {
  const paused = useRun((s) => s.status.pausedQueues.includes(nodeId));
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await sendControl({ type: paused ? 'resume' : 'pause', queueId: nodeId });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="live-field">
      <span className="live-field__label">{paused ? 'Paused' : 'Processing'}</span>
      <button
        type="button"
        className={`btn${paused ? ' btn--primary' : ''}`}
        data-testid={`live-${paused ? 'resume' : 'pause'}-${nodeId}`}
        disabled={busy}
        onClick={() => void toggle()}
      >
        {paused ? 'Resume queue' : 'Pause queue'}
      </button>
    </div>
  );
}

function WorkerControls({ node }: { node: WorkerNode }) {
  const override = useRun((s) => s.overrides[node.id]);
  const killed = override?.killedReplicas ?? 0;
  const alive = node.config.replicas - killed;
  const failurePercent = (override?.failureRate ?? node.config.failureRate ?? 0) * 100;
  const [busy, setBusy] = useState(false);
  const kill = async () => {
    setBusy(true);
    try {
      await sendControl({ type: 'killReplica', workerId: node.id });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ApplyField
        key={`c${override?.concurrency ?? node.config.concurrency}`}
        label="Concurrency"
        unit="per replica"
        initial={override?.concurrency ?? node.config.concurrency}
        testId={`live-concurrency-${node.id}`}
        onApply={(text) =>
          sendControl({ type: 'concurrency', workerId: node.id, concurrency: typed(text) })
        }
      />
      <ApplyField
        key={`f${failurePercent}`}
        label="Failures"
        unit="% of attempts"
        initial={Math.round(failurePercent * 100) / 100}
        testId={`live-failure-${node.id}`}
        onApply={(text) => {
          // "2", "2%" and "2 %" all mean 2 %; other text goes on so the host names the limits.
          const parsed = parsePercent(text);
          const percent = parsed.ok ? parsed.percent : typed(text);
          // Typed in percent; the host speaks fractions. Out-of-range values still go through so
          // the host's refusal names the limits.
          return sendControl({
            type: 'failureRate',
            workerId: node.id,
            failureRate: Number.isFinite(percent) ? fractionOf(percent) : percent,
          });
        }}
      />
      <div className="live-field">
        <span className="live-field__label">Replicas</span>
        <span className="live-field__value">
          {alive} of {node.config.replicas} alive
        </span>
        <button
          type="button"
          className="btn btn--danger"
          data-testid={`live-kill-${node.id}`}
          disabled={busy || alive <= 0}
          title="Kill one replica: its active jobs stall and are retried by the others"
          onClick={() => void kill()}
        >
          Kill a replica
        </button>
      </div>
    </>
  );
}

export function NodeControls({ node }: { node: PipelineNode }) {
  switch (node.kind) {
    case 'producer':
      return <ProducerControls node={node} />;
    case 'queue':
      return <QueueControls nodeId={node.id} />;
    case 'worker':
      return <WorkerControls node={node} />;
  }
}

/**
 * Steering one node of the running pipeline. Controls act on the pipeline as it was started,
 * so they show only while a run is on and the node was part of it.
 */
export function LiveControls({ nodeId }: { nodeId: string }) {
  const running = useRun((s) => s.status.state === 'running');
  const node = useRun((s) => s.document?.nodes.find((n) => n.id === nodeId));
  const error = useRun((s) => s.controlErrors[nodeId]);
  if (!running || !node) return null;
  return (
    <section className="live-controls" aria-label="Live controls" data-testid="live-controls">
      <h3 className="live-controls__title">
        <span className="run-banner__dot" aria-hidden="true" /> Live run controls
      </h3>
      <NodeControls node={node} />
      {error ? (
        <p className="field__error" role="alert" data-testid={`live-error-${nodeId}`}>
          {error}
        </p>
      ) : null}
    </section>
  );
}
