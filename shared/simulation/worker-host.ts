import type { PipelineDocument } from '../document/schema';
import type { RunSnapshot, RunSummary } from '../metrics/types';
import type { SimulationOptions } from './options';
import { SimulationModelError } from './model';
import { SimulationCancelledError, simulateAsync } from './run';
import type { SimulatedJobs } from './simulated-jobs';

/**
 * The message protocol of a simulation running off the UI thread. A Web Worker script is just:
 *
 *   const handle = createSimulationHost((message) => self.postMessage(message));
 *   self.onmessage = (event) => handle(event.data);
 *
 * and the UI posts `start` / `cancel` and listens for the replies. Snapshots are sent in batches
 * (one message per slice) so a fast run does not flood the UI with messages.
 */

/** Options that can cross postMessage (no callbacks). */
export type SimulationRunOptions = Omit<
  SimulationOptions,
  'onSnapshot' | 'backlogThreshold' | 'trace'
> & {
  replications?: number;
};

export type SimulationRequest =
  | { type: 'start'; runId: number; document: PipelineDocument; options: SimulationRunOptions }
  | { type: 'cancel'; runId: number };

export type SimulationMessage =
  | { type: 'snapshots'; runId: number; snapshots: RunSnapshot[] }
  | { type: 'progress'; runId: number; fraction: number }
  | { type: 'done'; runId: number; summary: RunSummary; jobs?: SimulatedJobs }
  | { type: 'cancelled'; runId: number }
  | { type: 'error'; runId: number; message: string; problems: string[] };

export function createSimulationHost(
  post: (message: SimulationMessage) => void,
  yieldToHost?: () => Promise<void>,
): (request: SimulationRequest) => void {
  const running = new Map<number, AbortController>();
  return (request) => {
    if (request.type === 'cancel') {
      running.get(request.runId)?.abort();
      return;
    }
    const { runId, document, options } = request;
    const controller = new AbortController();
    running.set(runId, controller);
    let batch: RunSnapshot[] = [];
    let jobs: SimulatedJobs | undefined;
    const flush = () => {
      if (batch.length === 0) return;
      post({ type: 'snapshots', runId, snapshots: batch });
      batch = [];
    };
    simulateAsync(
      document,
      {
        ...options,
        onSnapshot: (snapshot) => batch.push(snapshot),
        onJobTrace: (trace) => (jobs = trace),
      },
      {
        signal: controller.signal,
        yieldToHost,
        onProgress: (fraction) => {
          flush();
          post({ type: 'progress', runId, fraction });
        },
      },
    )
      .then((summary) => {
        flush();
        post(jobs ? { type: 'done', runId, summary, jobs } : { type: 'done', runId, summary });
      })
      .catch((error: unknown) => {
        if (error instanceof SimulationCancelledError) {
          post({ type: 'cancelled', runId });
        } else if (error instanceof SimulationModelError) {
          post({ type: 'error', runId, message: error.message, problems: error.problems });
        } else {
          const message = error instanceof Error ? error.message : String(error);
          post({ type: 'error', runId, message, problems: [] });
        }
      })
      .finally(() => running.delete(runId));
  };
}
