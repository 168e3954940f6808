import { formatCount } from '../../shared/metrics/format';
import { useState, type ReactNode } from 'react';
import { JOB_STATES, type JobListState, type JobView } from '../../shared/api/contract';
import { runErrorView } from './run-errors';
import { host } from '../api/host';
import { useJobList, useJobSource } from './useJobList';
import './job-browser.css';

const time = (epochMs: number | null) =>
  epochMs === null ? '–' : new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false });

function ago(epochMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  return s < 60
    ? `${s} s ago`
    : s < 3600
      ? `${Math.floor(s / 60)} min ago`
      : `${Math.floor(s / 3600)} h ago`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function JobDetails({
  job,
  queueId,
  canModify,
  onDone,
}: {
  job: JobView;
  queueId: string;
  canModify: boolean;
  onDone: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: 'retry' | 'remove') => {
    setBusy(true);
    try {
      await host()['jobs:act']({ queueId, jobId: job.id, action });
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
          {job.attemptsMade} made, {job.attemptsStarted} started
        </Fact>
        <Fact label="Added">{time(job.timestamp)}</Fact>
        {job.delayMs > 0 ? <Fact label="Delay">{job.delayMs} ms</Fact> : null}
        <Fact label="Started">{time(job.processedOn)}</Fact>
        <Fact label="Finished">{time(job.finishedOn)}</Fact>
      </dl>
      <div className="job-details__label">Data</div>
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
          <div className="job-details__label">Failed reason</div>
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
      ) : null}
      {canModify ? (
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

/**
 * A queue's recent jobs by state, in a live run or a watched Redis (bull-board style): data,
 * attempts, times, failed reason and stack traces; retry and remove for the run's own jobs only.
 */
export function JobBrowser({ nodeId }: { nodeId: string }) {
  const source = useJobSource(nodeId);
  const [state, setState] = useState<JobListState>('waiting');
  const [open, setOpen] = useState<string | null>(null);
  // Live while nothing is open: an open job stays put instead of scrolling away.
  const { list, error, loading, readAt, refresh } = useJobList(source, state, open === null);
  if (!source) return null;
  const canModify = list?.canModify ?? false;
  return (
    <section className="job-browser" aria-label="Jobs" data-testid="job-browser">
      <h3 className="job-browser__title">
        Jobs
        <span className="job-browser__spacer" />
        <button
          type="button"
          className="btn"
          data-testid="jobs-refresh"
          disabled={loading}
          onClick={refresh}
        >
          Refresh
        </button>
      </h3>
      <div className="job-browser__states" role="tablist">
        {JOB_STATES.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={s === state}
            className={`job-browser__state${s === state ? ' is-on' : ''}`}
            data-testid={`jobs-state-${s}`}
            onClick={() => {
              setState(s);
              setOpen(null);
            }}
          >
            {s} <b>{list ? formatCount(list.counts[s]) : '…'}</b>
          </button>
        ))}
      </div>
      <p className="job-browser__read-at" data-testid="jobs-read-at">
        {readAt !== null ? `As of ${time(readAt)}` : 'Reading…'}
        {open !== null ? ' · updates paused while a job is open' : ''}
      </p>
      {source.source === 'monitor' ? (
        <p className="run-muted">Read-only: Pipewright never changes a Redis it monitors.</p>
      ) : null}
      {error ? <p className="status-warning">{error}</p> : null}
      {list && list.state === state ? (
        list.jobs.length === 0 ? (
          <p className="run-muted" data-testid="jobs-empty">
            No {state} jobs.
          </p>
        ) : (
          <ul className="job-browser__list" data-testid="jobs-list">
            {list.jobs.map((job) => (
              <li key={job.id}>
                <button
                  type="button"
                  className={`job-browser__job${open === job.id ? ' is-open' : ''}`}
                  aria-expanded={open === job.id}
                  data-testid="job-row"
                  onClick={() => setOpen(open === job.id ? null : job.id)}
                >
                  <span className="job-browser__id">#{job.id}</span> {job.name}
                  <span className="run-muted">
                    {' '}
                    ·{' '}
                    {ago(job.finishedOn ?? job.processedOn ?? job.timestamp, readAt ?? Date.now())}
                    {job.attemptsMade > 1 ? ` · ${job.attemptsMade} attempts` : ''}
                  </span>
                  {job.failedReason ? (
                    <span className="job-browser__reason">{job.failedReason}</span>
                  ) : null}
                </button>
                {open === job.id ? (
                  <JobDetails job={job} queueId={nodeId} canModify={canModify} onDone={refresh} />
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
