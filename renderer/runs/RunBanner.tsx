import { formatCount, formatMegabytes } from '../../shared/metrics/format';
import { useEffect, useState } from 'react';
import type { RunStatus } from '../../shared/api/contract';
import { runStore, useRun } from '../state/run-store';
import { stopMonitor } from './monitor-controller';
import { dismissRunError, restartRun, stopRun } from './run-controller';
import { LiveChangesBar } from './LiveChangesBar';
import { RunErrorBox } from './RunErrorBox';
import { RunIcon } from './RunIcon';
import { IncidentsLine, OrphanRunsLine } from './RunIncidents';
import { formatRunTime } from './run-log';
import { saveReport } from './save-report';
import { plural } from '../../shared/plural';

/** Wall time since the run started, ticking twice a second while it runs. */
function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="run-banner__clock">{formatRunTime(now - since).replace(/\.\d$/, '')}</span>
  );
}

function RedisLoad() {
  const figures = useRun((s) => s.redisFigures);
  if (!figures) return null;
  return (
    <span className="run-banner__muted" data-testid="run-redis-load">
      Redis {formatMegabytes(figures.usedMemoryBytes)} ·{' '}
      {formatCount(Math.round(figures.opsPerSec))} ops/s
    </span>
  );
}

export function ReportButtons() {
  return (
    <>
      <button
        type="button"
        className="btn"
        data-testid="report-html"
        onClick={() => void saveReport('html')}
      >
        <RunIcon name="report" /> Save report (HTML)
      </button>
      <button
        type="button"
        className="btn"
        data-testid="report-json"
        onClick={() => void saveReport('json')}
      >
        JSON
      </button>
    </>
  );
}

function RunningLine({ status }: { status: RunStatus }) {
  const paused = status.pausedQueues.length;
  const lost = status.redis === 'lost';
  return (
    <div
      className={`run-banner run-banner--${lost ? 'error' : 'running'}`}
      role="status"
      data-testid="run-banner"
    >
      <span className="run-banner__dot" aria-hidden="true" />
      <span className="run-banner__text">
        <b>
          {status.state === 'starting'
            ? 'Starting'
            : status.state === 'stopping'
              ? 'Stopping'
              : 'Running'}
        </b>{' '}
        “{status.documentName}” on BullMQ
        {status.startedAt !== null && status.state !== 'starting' ? (
          <>
            {' '}
            · <Elapsed since={status.startedAt} />
          </>
        ) : null}
        {paused > 0 ? ` · ${plural(paused, 'queue')} paused` : ''}
        {lost ? ' · Redis connection lost, reconnecting…' : ''}
        {status.state === 'stopping' ? ` · ${status.message}` : ''}
      </span>
      <RedisLoad />
    </div>
  );
}

function CrashedLine({ status }: { status: RunStatus }) {
  const busy = useRun((s) => s.busy);
  return (
    <div className="run-banner run-banner--error" role="alert" data-testid="run-banner">
      <span className="run-banner__text">
        <b>Runner crashed.</b> {status.message}
      </span>
      {status.canRestart ? (
        <button
          type="button"
          className="btn btn--primary"
          data-testid="run-restart"
          disabled={busy !== null}
          onClick={() => void restartRun()}
        >
          <RunIcon name="restart" /> Restart runner
        </button>
      ) : null}
      <button type="button" className="btn" disabled={busy !== null} onClick={() => void stopRun()}>
        Stop the run
      </button>
    </div>
  );
}

function StoppedLine({ onClose }: { onClose: () => void }) {
  const status = useRun((s) => s.status);
  const result = useRun((s) => s.result);
  const comparison = useRun((s) => s.comparison);
  const summary = result?.summary ?? comparison?.summary;
  const completed = summary
    ? Object.values(summary.nodes).reduce(
        (n, node) => n + (node.kind === 'worker' ? node.completed : 0),
        0,
      )
    : null;
  return (
    <div className="run-banner run-banner--done" role="status" data-testid="run-banner">
      <span className="run-banner__text">
        <b>Run finished.</b>{' '}
        {summary && completed !== null
          ? `${plural(completed, 'job')} completed in ${formatRunTime(summary.durationMs).replace(/\.\d$/, '')}. `
          : `${status.message}. `}
        See the Run tab for predicted versus measured.
      </span>
      <ReportButtons />
      <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </div>
  );
}

function MonitorLine() {
  const monitor = useRun((s) => s.monitor);
  if (monitor.phase !== 'watching' || !monitor.info) return null;
  return (
    <div className="run-banner run-banner--running" role="status" data-testid="monitor-banner">
      <span className="run-banner__dot" aria-hidden="true" />
      <span className="run-banner__text">
        <b>Monitoring</b> {plural(monitor.info.queues.length, 'queue')} under “{monitor.info.prefix}
        ” at {monitor.info.url} (read-only)
      </span>
      <button type="button" className="btn" onClick={() => void stopMonitor()}>
        Stop watching
      </button>
    </div>
  );
}

/** Under the toolbar: what the run is doing, a crash with its restart, and host refusals. */
export function RunBanner() {
  const status = useRun((s) => s.status);
  const error = useRun((s) => s.error);
  const hasRun = useRun((s) => s.document !== null);
  const monitoring = useRun((s) => s.monitor.phase !== 'idle');
  const [closedRun, setClosedRun] = useState<string | null>(null);
  // Watching a Redis replaces the finished run on show: its banner goes for good, not stacked.
  useEffect(() => {
    if (monitoring) setClosedRun(runStore.getState().status.runId);
  }, [monitoring]);
  let line = null;
  if (status.state === 'running' || status.state === 'starting' || status.state === 'stopping') {
    line = <RunningLine status={status} />;
  } else if (status.state === 'crashed') {
    line = <CrashedLine status={status} />;
  } else if (status.state === 'stopped' && status.runId !== closedRun && hasRun) {
    line = <StoppedLine onClose={() => setClosedRun(status.runId)} />;
  }
  return (
    <>
      {error ? (
        <div className="run-banner-error">
          <RunErrorBox error={error} onDismiss={dismissRunError} />
        </div>
      ) : null}
      {line}
      <LiveChangesBar />
      <IncidentsLine />
      <OrphanRunsLine />
      <MonitorLine />
    </>
  );
}
