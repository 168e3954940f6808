import { SimulationCancelledError } from '../../shared/simulation/run';
import { sweepAsync } from '../../shared/simulation/sweep';
import type { SweepMessage, SweepRequest } from './protocol';

/** Runs what-if sweeps for the worker, in slices, cancellable; the twin of createSimulationHost. */
export function createSweepHost(
  post: (message: SweepMessage) => void,
  yieldToHost?: () => Promise<void>,
): (request: SweepRequest) => void {
  const running = new Map<number, AbortController>();
  return (request) => {
    if (request.type === 'cancel-sweep') {
      running.get(request.runId)?.abort();
      return;
    }
    const { runId, document, parameter, values, options } = request;
    const controller = new AbortController();
    running.set(runId, controller);
    let lastProgress = -1;
    sweepAsync(document, parameter, values, options, {
      signal: controller.signal,
      ...(yieldToHost ? { yieldToHost } : {}),
      onProgress: (fraction) => {
        // One message per percent is plenty.
        if (fraction - lastProgress < 0.01 && fraction < 1) return;
        lastProgress = fraction;
        post({ type: 'sweep-progress', runId, fraction });
      },
    })
      .then((result) => post({ type: 'sweep-done', runId, result }))
      .catch((error: unknown) => {
        if (error instanceof SimulationCancelledError) {
          post({ type: 'sweep-cancelled', runId });
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        post({ type: 'sweep-error', runId, message });
      })
      .finally(() => running.delete(runId));
  };
}
