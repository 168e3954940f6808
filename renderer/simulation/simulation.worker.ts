import '../csp-safe-zod';
import { createWorkerHandler, messageChannelYield } from './hosts';
import type { WorkerMessage, WorkerRequest } from './protocol';

/** The simulation Web Worker: simulations and sweeps run here, never on the UI thread. */
const scope = self as unknown as {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};
const handle = createWorkerHandler((message) => scope.postMessage(message), messageChannelYield());
scope.onmessage = (event) => handle(event.data);
