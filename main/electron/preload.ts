import { contextBridge, ipcRenderer } from 'electron';
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  type EventChannel,
  type PipewrightBridge,
} from '../../shared/api/contract';

/**
 * Exposes `window.pipewright`, built from the contract's channel lists: one function per request
 * channel (answering `{ok, value | error}`) and `on(event, listener)` for host events. The page
 * never sees `ipcRenderer` itself.
 */
export function buildBridge(): PipewrightBridge {
  const requests = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      (payload?: unknown) => ipcRenderer.invoke(channel, payload ?? {}),
    ]),
  );
  const on = (event: EventChannel, listener: (payload: unknown) => void) => {
    if (!EVENT_CHANNELS.includes(event)) throw new Error(`unknown Pipewright event "${event}"`);
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  };
  return { ...requests, on } as unknown as PipewrightBridge;
}

contextBridge.exposeInMainWorld('pipewright', buildBridge());
