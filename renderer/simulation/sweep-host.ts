import { sweepAutoscaleAsync } from '../../shared/simulation/autoscale-sweep';
import { SimulationCancelledError, type RunControl } from '../../shared/simulation/run';
import { sweepAsync } from '../../shared/simulation/sweep';
import type { SweepMessage, SweepRequest } from './protocol';

type Kind = 'sweep' | 'autoscale';

/**
 * Runs what-if sweeps and cheapest-policy searches for the worker, in slices, cancellable; the
 * twin of createSimulationHost. Both report progress, a result, a cancel or an error alike.
 */
export function createSweepHost(
  post: (message: SweepMessage) => void,
  yieldToHost?: () => Promise<void>,
): (request: SweepRequest) => void {
  const running = new Map<string, AbortController>();
  const start = <R>(
    kind: Kind,
    runId: number,
    work: (control: RunControl) => Promise<R>,
    done: (result: R) => SweepMessage,
  ) => {
    const key = `${kind}:${runId}`;
    const controller = new AbortController();
    running.set(key, controller);
    let lastProgress = -1;
    const progress = kind === 'sweep' ? 'sweep-progress' : 'autoscale-progress';
    work({
      signal: controller.signal,
      ...(yieldToHost ? { yieldToHost } : {}),
      onProgress: (fraction) => {
        // One message per percent is plenty.
        if (fraction - lastProgress < 0.01 && fraction < 1) return;
        lastProgress = fraction;
        post({ type: progress, runId, fraction });
      },
    })
      .then((result) => post(done(result)))
      .catch((error: unknown) => {
        if (error instanceof SimulationCancelledError) {
          post({ type: kind === 'sweep' ? 'sweep-cancelled' : 'autoscale-cancelled', runId });
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        post({ type: kind === 'sweep' ? 'sweep-error' : 'autoscale-error', runId, message });
      })
      .finally(() => running.delete(key));
  };
  return (request) => {
    switch (request.type) {
      case 'cancel-sweep':
        running.get(`sweep:${request.runId}`)?.abort();
        return;
      case 'cancel-autoscale-sweep':
        running.get(`autoscale:${request.runId}`)?.abort();
        return;
      case 'sweep': {
        const { runId, document, parameter, values, options } = request;
        start(
          'sweep',
          runId,
          (control) => sweepAsync(document, parameter, values, options, control),
          (result) => ({ type: 'sweep-done', runId, result }),
        );
        return;
      }
      case 'autoscale-sweep': {
        const { runId, document, workerId, target, grid, options } = request;
        start(
          'autoscale',
          runId,
          (control) => sweepAutoscaleAsync(document, workerId, target, grid, options, control),
          (result) => ({ type: 'autoscale-done', runId, result }),
        );
        return;
      }
    }
  };
}
