import { createSimulationHost } from '../../shared/simulation/worker-host';
import type { WorkerMessage, WorkerRequest } from './protocol';
import { createSweepHost } from './sweep-host';

/**
 * Both hosts behind one message handler: what the Web Worker runs, and what the in-thread
 * fallback runs when no worker can be started.
 */
export function createWorkerHandler(
  post: (message: WorkerMessage) => void,
  yieldToHost?: () => Promise<void>,
): (request: WorkerRequest) => void {
  const simulation = createSimulationHost(post, yieldToHost);
  const sweep = createSweepHost(post, yieldToHost);
  return (request) => {
    if (request.type === 'start' || request.type === 'cancel') simulation(request);
    else sweep(request);
  };
}

/**
 * Yields to the event loop through a MessageChannel: unlike nested setTimeout calls, it is not
 * clamped to 4 ms, so slicing costs almost nothing while cancel messages still get through.
 */
export function messageChannelYield(): (() => Promise<void>) | undefined {
  if (typeof MessageChannel === 'undefined') return undefined;
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
