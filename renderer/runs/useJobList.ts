import { useCallback, useEffect, useMemo, useState } from 'react';
import type { JobListRequest, JobListState } from '../../shared/api/contract';
import { useDocumentState } from '../state/document-store';
import { useRun } from '../state/run-store';
import { useSimulatedQueueJobs } from '../state/simulated-jobs-store';
import {
  hostJobSource,
  simulatedJobSource,
  type BrowsedJobList,
  type JobBrowserSource,
} from './job-browser-source';
import { matchMonitoredQueues } from './monitor-map';
import { runErrorView } from './run-errors';

/**
 * Whose jobs a queue node has: the run's (while it is on, or stopped with its keys kept), a
 * watched Redis's queue of the same name, or the last simulation's; null when none.
 */
export function useJobSource(nodeId: string): JobBrowserSource | null {
  const request = useHostJobRequest(nodeId);
  const simulated = useSimulatedQueueJobs(nodeId);
  const hostKey = request ? `${request.source}:${request.queue}` : null;
  const simKey = simulated ? simulated.serial : null;
  return useMemo(
    () =>
      request
        ? hostJobSource(request, nodeId)
        : simulated
          ? simulatedJobSource(simulated, nodeId)
          : null,
    // The sources are rebuilt when what they read changes, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [hostKey, simKey, nodeId],
  );
}

function useHostJobRequest(nodeId: string): Pick<JobListRequest, 'source' | 'queue'> | null {
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
  list: BrowsedJobList | null;
  error: string | null;
  loading: boolean;
  /** When the list was read (epoch ms). */
  readAt: number | null;
  refresh(): void;
}

/** Re-read this often while `auto` (one short request per queue in view). */
export const JOB_REFRESH_MS = 2000;

/**
 * The recent jobs of one queue in one state: read when shown, when the state or the source
 * changes, on `refresh()`, and every JOB_REFRESH_MS while `auto` and the source is live.
 */
export function useJobList(
  source: JobBrowserSource | null,
  state: JobListState,
  auto: boolean,
): JobListView {
  const [list, setList] = useState<BrowsedJobList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [readAt, setReadAt] = useState<number | null>(null);
  const [serial, setSerial] = useState(0);
  useEffect(() => {
    if (!source) return;
    let live = true;
    setLoading(true);
    source
      .read(state)
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
  }, [source, state, serial]);
  const refresh = useCallback(() => setSerial((n) => n + 1), []);
  const polling = auto && source?.live === true;
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(refresh, JOB_REFRESH_MS);
    return () => clearInterval(timer);
  }, [polling, refresh]);
  return { list, error, loading, readAt, refresh };
}
