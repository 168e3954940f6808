import { plural } from '../../shared/plural';
import { useCallback, useEffect, useState } from 'react';
import type { OrphanRun } from '../../shared/api/contract';
import type { RunIncident } from '../../shared/metrics';
import { useRun } from '../state/run-store';
import { host } from '../api/host';
import { formatRunTime } from './run-log';

/**
 * What the run met that its figures do not show — a load generator that cannot keep up, dropped
 * arrivals, refused commands, outages — kept in view while it runs and after it stopped.
 */
export function IncidentsLine() {
  const live = useRun((s) => s.status.incidents);
  const finished = useRun((s) => s.result?.summary.incidents);
  const state = useRun((s) => s.status.state);
  const incidents: RunIncident[] = (state === 'stopped' ? finished : live) ?? [];
  if (incidents.length === 0) return null;
  const error = incidents.some((i) => i.level === 'error');
  return (
    <div
      className={`run-banner run-banner--${error ? 'error' : 'warn'}`}
      role="alert"
      data-testid="run-incidents"
    >
      <ul className="run-incidents">
        {incidents.map((i) => (
          <li key={i.key}>
            <span className="run-banner__muted">{formatRunTime(i.t)}</span> {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Runs a killed app or CLI left in this Redis (their runner's heartbeat is gone), each with a
 * "Clean up" that removes only its keys. Looked for when no run is on.
 */
export function OrphanRunsLine() {
  const state = useRun((s) => s.status.state);
  const idle = !['starting', 'running', 'stopping', 'crashed'].includes(state);
  const [orphans, setOrphans] = useState<{ url: string; runs: OrphanRun[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const look = useCallback(async () => {
    try {
      const found = await host()['run:orphans']({});
      setOrphans({ url: found.redisUrl, runs: found.runs });
    } catch {
      setOrphans(null); // No Redis to look in: nothing to offer.
    }
  }, []);
  useEffect(() => {
    if (idle) void look();
  }, [idle, look]);
  if (!idle || !orphans || (orphans.runs.length === 0 && !message)) return null;
  const clean = async (prefix: string) => {
    try {
      const { removed } = await host()['run:clean']({ prefix });
      // The row goes with the message, not a refresh later.
      setOrphans((now) => now && { ...now, runs: now.runs.filter((r) => r.prefix !== prefix) });
      setMessage(`Removed ${plural(removed, 'key')} under “${prefix}”.`);
    } catch (error) {
      setMessage((error as Error).message);
    }
    await look();
  };
  return (
    <div className="run-banner run-banner--warn" role="status" data-testid="orphan-runs">
      <div className="run-banner__text">
        {orphans.runs.length > 0 ? (
          <>
            <b>
              {orphans.runs.length === 1
                ? 'A run left its keys'
                : `${orphans.runs.length} runs left their keys`}
            </b>{' '}
            in Redis at {orphans.url}; their runner is gone (a killed app or CLI).
            <ul className="run-incidents">
              {orphans.runs.map((run) => (
                <li key={run.prefix} data-testid="orphan-run">
                  “{run.document}” · <code>{run.prefix}</code>
                  {run.startedAt
                    ? ` · started ${new Date(run.startedAt).toLocaleString()}`
                    : ''}{' '}
                  <button type="button" className="btn" onClick={() => void clean(run.prefix)}>
                    Clean up
                  </button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {message ? <span data-testid="orphan-message">{message}</span> : null}
      </div>
      <button
        type="button"
        className="icon-btn"
        aria-label="Close"
        onClick={() => {
          setOrphans(null);
          setMessage(null);
        }}
      >
        ×
      </button>
    </div>
  );
}
