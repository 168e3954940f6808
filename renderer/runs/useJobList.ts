import { useCallback, useEffect, useState } from 'react';
import type { JobList, JobListRequest, JobListState } from '../../shared/api/contract';
import { useDocumentState } from '../state/document-store';
import { useRun } from '../state/run-store';
import { matchMonitoredQueues } from './monitor-map';
import { runErrorView } from './run-errors';
import { host } from '../api/host';

/**
 * Whose jobs a queue node has: the run's (while it is on, or stopped with its keys kept), or a
 * watched Redis's queue of the same name; null when neither.
 */
export function useJobSource(nodeId: string): Pick<JobListRequest, 'source' | 'queue'> | null {
  const runHas = useRun((s) => {
    const state = s.status.state;
    const on = ['running', 'stopping', 'crashed'].includes(state);
    const kept = state === 'stopped' && s.result?.keysKept === true;
    return (on || kept) && s.document?.nodes.some((n) => n.id === nodeId && n.kind === 'queue');
  });
  const watched = useRun((s) => (s.monitor.phase === 'watching' ? s.monitor.info : null));
  const name = useDocumentState((s) => {
    if (!watched) return null;
    const match = matchMonitoredQueues(s.document, watched.queues);
    for (const [queueName, id] of match) if (id === nodeId) return queueName;
    return null;
  });
  if (runHas) return { source: 'run', queue: nodeId };
  if (name !== null) return { source: 'monitor', queue: name };
  return null;
}

export interface JobListView {
  list: JobList | null;
  error: string | null;
  loading: boolean;
  /** When the list was read (epoch ms). */
  readAt: number | null;
  refresh(): void;
}

/** Re-read this often while `auto` (one short request per queue in view). */
export const JOB_REFRESH_MS = 2000;

/**
 * The recent jobs of one queue in one state: read when shown, when the state changes, on
 * `refresh()`, and every JOB_REFRESH_MS while `auto`.
 */
export function useJobList(
  source: Pick<JobListRequest, 'source' | 'queue'> | null,
  state: JobListState,
  auto: boolean,
): JobListView {
  const [list, setList] = useState<JobList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [readAt, setReadAt] = useState<number | null>(null);
  const [serial, setSerial] = useState(0);
  const kind = source?.source;
  const queue = source?.queue;
  useEffect(() => {
    if (kind === undefined || queue === undefined) return;
    let live = true;
    setLoading(true);
    host()
      ['jobs:list']({ source: kind, queue, state })
      .then(
        (next) => {
          if (!live) return;
          setList(next);
          setError(null);
          setReadAt(Date.now());
        },
        (e: unknown) => {
          if (live) setError(runErrorView('Could not read the jobs', e).message);
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [kind, queue, state, serial]);
  const refresh = useCallback(() => setSerial((n) => n + 1), []);
  const polling = auto && kind !== undefined;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(refresh, JOB_REFRESH_MS);
    return () => clearInterval(timer);
  }, [polling, refresh]);
  return { list, error, loading, readAt, refresh };
}
