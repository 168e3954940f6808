import type { RedisStatus, RunResult } from '../../../shared/api/contract';
import type { RunIncident } from '../../../shared/metrics';
import type { PipelineDocument } from '../../../shared/document';
import { removeKeysAt } from '../../redis/keys';
import type { RunnerClient } from '../../runner/client';
import type { RunHistory } from './history';
import { summaryFromSnapshot } from './summary';

/** A run the service holds: its document, where its keys are, its runner and what it measured. */
export interface ActiveRun {
  runId: string;
  document: PipelineDocument;
  redisUrl: string;
  redis: RedisStatus;
  prefix: string;
  startedAt: number;
  epoch: number;
  keepKeys: boolean;
  client: RunnerClient | null;
  timer: NodeJS.Timeout | undefined;
  history: RunHistory;
  result: RunResult | null;
  /** By key: the latest version of each incident the runner reported. */
  incidents: Map<string, RunIncident>;
}

/**
 * Ends a run: asks its runner to stop (draining first if asked) and waits for its result. When
 * there is no runner (it crashed) or it does not answer in time, the host kills it, removes the
 * run's keys itself unless they are to be kept, and builds the summary from the last snapshot.
 */
export async function finishRun(
  run: ActiveRun,
  how: { drain: boolean; keepKeys: boolean; crashed: boolean; drainTimeoutMs: number },
  log: (message: string) => void,
): Promise<RunResult> {
  const { drain, keepKeys, crashed, drainTimeoutMs } = how;
  const stopped = crashed
    ? null
    : await Promise.race([
        run.client!.stop(drain, keepKeys, drainTimeoutMs).catch((error: Error) => error),
        new Promise<Error>((r) =>
          setTimeout(
            () => r(new Error('the runner did not stop in time')),
            drainTimeoutMs + 20_000,
          ).unref(),
        ),
      ]);
  const incidents = () => [...run.incidents.values()];
  if (stopped && !(stopped instanceof Error)) {
    const summary = { ...stopped.summary, incidents: incidents() };
    return { runId: run.runId, ...stopped, summary, keysKept: keepKeys };
  }
  if (stopped instanceof Error) log(`${stopped.message}; cleaning up from the host`);
  run.client?.kill();
  const keysRemoved = keepKeys ? 0 : await removeKeysAt(run.redisUrl, run.prefix).catch(() => 0);
  return {
    runId: run.runId,
    summary: {
      ...summaryFromSnapshot(run.document, run.history.last?.snapshot, Date.now() - run.startedAt),
      incidents: incidents(),
    },
    drained: false,
    keysRemoved,
    keysKept: keepKeys,
  };
}
