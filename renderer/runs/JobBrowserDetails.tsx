import { Fragment, useState, type ReactNode } from 'react';
import type { BrowsedJob, JobBrowserSource } from './job-browser-source';
import { runErrorView } from './run-errors';

/** A time on the source's clock: wall time of day, or simulated time since the start. */
export function clockTime(ms: number | null, clock: JobBrowserSource['clock']): string {
  if (ms === null) return '–';
  if (clock === 'simulated') {
    const s = (ms / 1000).toLocaleString('en-US', {
      minimumFractionDigits: 1,
      maximumFractionDigits: ms < 1000 ? 3 : 1,
    });
    // Non-breaking: the time never wraps between "t", "=", the number and the unit.
    return `t\u00a0=\u00a0${s}\u00a0s`;
  }
  return new Date(ms).toLocaleTimeString('en-GB', { hour12: false });
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const ms = (value: number) => `${value.toLocaleString('en-US')} ms`;

function attemptsText(job: BrowsedJob): string {
  if (job.attempts === undefined) return `${job.attemptsMade} made, ${job.attemptsStarted} started`;
  const backoff = job.backoffMs ? `, ${ms(job.backoffMs)} in backoff` : '';
  return `${job.attemptsMade} of ${job.attempts} made${backoff}`;
}

/** One job opened in the browser: its facts, data, failure and, for a run's own job, actions. */
export function JobBrowserDetails({
  job,
  source,
  canModify,
  onDone,
}: {
  job: BrowsedJob;
  source: JobBrowserSource;
  canModify: boolean;
  onDone: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const simulated = source.kind === 'simulation';
  const time = (value: number | null) => clockTime(value, source.clock);
  const act = async (action: 'retry' | 'remove') => {
    setBusy(true);
    try {
      await source.act!(job.id, action);
      setError(null);
      onDone();
    } catch (e) {
      setError(runErrorView(`Could not ${action} the job`, e).message);
    } finally {
      setBusy(false);
    }
  };
  const finished = job.state === 'failed' || job.state === 'completed';
  return (
    <div className="job-details" data-testid={`job-details-${job.id}`}>
      <dl className="job-details__facts">
        <Fact label="Attempts">
          <span data-testid="job-attempts">{attemptsText(job)}</span>
        </Fact>
        <Fact label="Added">{time(job.timestamp)}</Fact>
        {job.delayMs > 0 ? <Fact label="Delay">{ms(job.delayMs)}</Fact> : null}
        <Fact label="Started">{time(job.processedOn)}</Fact>
        <Fact label="Finished">{time(job.finishedOn)}</Fact>
        {job.route ? (
          <Fact label="Route">
            <span className="job-details__route" data-testid="job-route">
              {job.route.map((step, i) => (
                <Fragment key={`${step.id}-${i}`}>
                  {i > 0 ? ' → ' : ''}
                  <span className={`k-${step.kind}`}>{step.name}</span>
                </Fragment>
              ))}
            </span>
          </Fact>
        ) : null}
      </dl>
      <div className="job-details__label">
        {simulated ? "Data (the producer's payload)" : 'Data'}
      </div>
      <pre className="job-details__pre" data-testid="job-data">
        {job.data}
      </pre>
      {job.returnValue !== null ? (
        <>
          <div className="job-details__label">Return value</div>
          <pre className="job-details__pre">{job.returnValue}</pre>
        </>
      ) : null}
      {job.failedReason ? (
        <>
          <div className="job-details__label">
            {job.state === 'failed' ? 'Failed reason' : 'Last failed attempt'}
          </div>
          <p className="status-error job-details__reason" data-testid="job-failed-reason">
            {job.failedReason}
          </p>
        </>
      ) : null}
      {job.stacktrace.length > 0 ? (
        <details className="job-details__stack">
          <summary>Stack traces ({job.stacktrace.length})</summary>
          <pre className="job-details__pre" data-testid="job-stacktrace">
            {job.stacktrace.join('\n\n')}
          </pre>
        </details>
      ) : simulated && job.failedReason ? (
        <p className="run-muted job-details__note" data-testid="job-no-stacktrace">
          No stack trace: a simulated attempt fails by its worker&apos;s failure rate, no code runs.
        </p>
      ) : null}
      {canModify && source.act ? (
        <div className="job-details__actions">
          {finished ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              data-testid="job-retry"
              onClick={() => void act('retry')}
            >
              Retry
            </button>
          ) : null}
          {job.state !== 'active' ? (
            <button
              type="button"
              className="btn btn--danger"
              disabled={busy}
              data-testid="job-remove"
              onClick={() => void act('remove')}
            >
              Remove
            </button>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
