import type { PipelineDocument } from '../document/schema';
import type { ComparisonRow } from '../metrics/comparison';
import type { RunSummary } from '../metrics/types';
import type { TimedChange } from '../simulation/changes';
import type { RedisStatus, RunLogEntry, RunResult } from './runs';

/**
 * The run report as both sides read it: the host builds it (main/services/runs/report.ts), saves it
 * as JSON or HTML (`run:report`) and hands it to the renderer as this typed object
 * (`run:lastReport`), so nothing re-reads the text.
 */

export type { ComparisonRow };

export const RUN_REPORT_FORMAT = 'pipewright-run-report/v1';

/** A live change as the report shows it and the prediction replays it. */
export interface LiveChange extends TimedChange {
  nodeName: string;
  /** What happened to the node, e.g. `concurrency set to 40 per replica`. */
  what: string;
  /** The same with the node named, e.g. `worker "sender": concurrency set to 40`. */
  description: string;
}

/** `pipewright-run-report/v1`: everything about one real run, saved as JSON or HTML. */
export interface RunReport {
  format: typeof RUN_REPORT_FORMAT;
  runId: string;
  generatedAt: string;
  startedAt: string;
  /** The configuration that ran. */
  document: PipelineDocument;
  redis: Pick<RedisStatus, 'url' | 'version' | 'managed' | 'maxmemoryPolicy' | 'warnings'>;
  outcome: Pick<RunResult, 'drained' | 'keysRemoved' | 'keysKept'>;
  summary: RunSummary;
  /**
   * The simulator's prediction for the same document and duration, with the run's live changes
   * replayed at the same times (null if it failed).
   */
  prediction: RunSummary | null;
  /** Controls applied while the run was on, in time order; the prediction replays them. */
  changes: LiveChange[];
  comparison: ComparisonRow[];
  /** Chart data: ms since start, backlog per queue, completions/s per worker. */
  series: {
    t: number[];
    depth: Record<string, number[]>;
    throughput: Record<string, number[]>;
    redisMemoryBytes: number[];
  };
  log: RunLogEntry[];
}
