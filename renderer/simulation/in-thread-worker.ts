import { createWorkerHandler } from './hosts';
import type { WorkerLike, WorkerMessage, WorkerRequest } from './protocol';

/**
 * A stand-in for the Web Worker that runs the same hosts on this thread, in slices that yield
 * between them: used when a worker cannot be started (and by tests in Node). Messages are
 * delivered asynchronously and structured-cloned, as across a real worker boundary.
 */
export function createInThreadWorker(): WorkerLike {
  let terminated = false;
  const started = new Set<number>();
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(request: WorkerRequest) {
      if (terminated) return;
      if (
        request.type === 'start' ||
        request.type === 'sweep' ||
        request.type === 'autoscale-sweep'
      )
        started.add(request.runId);
      const copy = structuredClone(request);
      setTimeout(() => {
        if (!terminated) handle(copy);
      }, 0);
    },
    terminate() {
      if (terminated) return;
      terminated = true;
      // Stop whatever still runs here: nobody listens any more.
      for (const runId of started) {
        handle({ type: 'cancel', runId });
        handle({ type: 'cancel-sweep', runId });
        handle({ type: 'cancel-autoscale-sweep', runId });
      }
    },
  };
  const handle = createWorkerHandler((message: WorkerMessage) => {
    if (terminated) return;
    if (
      message.type === 'done' ||
      message.type === 'cancelled' ||
      message.type === 'error' ||
      message.type === 'sweep-done' ||
      message.type === 'sweep-cancelled' ||
      message.type === 'sweep-error' ||
      message.type === 'autoscale-done' ||
      message.type === 'autoscale-cancelled' ||
      message.type === 'autoscale-error'
    ) {
      started.delete(message.runId);
    }
    const copy = structuredClone(message);
    setTimeout(() => {
      if (!terminated) worker.onmessage?.({ data: copy });
    }, 0);
  });
  return worker;
}
