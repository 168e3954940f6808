import { useState } from 'react';
import { formatCount } from '../../shared/metrics/format';
import { JOB_STATES, type JobListState } from '../../shared/api/contract';
import type { BrowsedJob, JobBrowserSource } from './job-browser-source';
import { clockTime, JobBrowserDetails } from './JobBrowserDetails';
import { useJobList, useJobSource } from './useJobList';
import './job-browser.css';

function ago(epochMs: number, now: number): string {
  const s = Math.max(0, Math.round((now - epochMs) / 1000));
  return s < 60
    ? `${s} s ago`
    : s < 3600
      ? `${Math.floor(s / 60)} min ago`
      : `${Math.floor(s / 3600)} h ago`;
}

/** When the row's job last moved: "12 s ago" live, its simulated time in a simulation. */
function when(job: BrowsedJob, source: JobBrowserSource, readAt: number | null): string {
  const last = job.finishedOn ?? job.processedOn ?? job.timestamp;
  return source.clock === 'simulated'
    ? clockTime(last, 'simulated')
    : ago(last, readAt ?? Date.now());
}

/** "all 3 failed jobs", "the newest 100 of 5,210 completed jobs". */
function shownOf(shown: number, count: number, state: JobListState): string {
  const total = formatCount(count);
  if (shown >= count) return count === 1 ? `the one ${state} job` : `all ${total} ${state} jobs`;
  return `the newest ${shown} of ${total} ${state} jobs`;
}

/** Where the list is from and when. */
function readLine(source: JobBrowserSource, readAt: number | null, atMs: number | undefined) {
  if (source.clock === 'simulated') {
    return `As at the end of the simulation, ${clockTime(atMs ?? null, 'simulated')}`;
  }
  return readAt !== null ? `As of ${clockTime(readAt, 'wall')}` : 'Reading…';
}

/**
 * A queue's recent jobs by state, bull-board style: data, attempts, times, failed reason and
 * stack traces, from a live run, a watched Redis or the last simulation (job-browser-source.ts);
 * retry and remove for a run's own jobs only.
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
        {source.kind === 'simulation' ? 'Simulated jobs' : 'Jobs'}
        <span className="job-browser__spacer" />
        {source.live ? (
          <button
            type="button"
            className="btn"
            data-testid="jobs-refresh"
            disabled={loading}
            onClick={refresh}
          >
            Refresh
          </button>
        ) : null}
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
        {readLine(source, readAt, list?.atMs)}
        {open !== null && source.live ? ' · updates paused while a job is open' : ''}
      </p>
      {source.kind === 'monitor' ? (
        <p className="run-muted">Read-only: Pipewright never changes a Redis it monitors.</p>
      ) : null}
      {source.kind === 'simulation' && list ? (
        <p className="job-browser__read-at" data-testid="jobs-simulated-note">
          Read-only: {shownOf(list.jobs.length, list.counts[list.state], list.state)}; times on the
          simulated clock.
        </p>
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
                    · {when(job, source, readAt)}
                    {job.attemptsMade > 1 ? ` · ${job.attemptsMade} attempts` : ''}
                  </span>
                  {job.failedReason ? (
                    <span className="job-browser__reason">{job.failedReason}</span>
                  ) : null}
                </button>
                {open === job.id ? (
                  <JobBrowserDetails
                    job={job}
                    source={source}
                    canModify={canModify}
                    onDone={refresh}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
