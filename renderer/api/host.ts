import type { HostApi } from './transport';

let current: HostApi | null = null;

/**
 * The one handle on the host API (Electron IPC or web mode's WebSocket) for the whole renderer:
 * set once when the session starts, read wherever a view or controller asks the host something.
 */
export const setHost = (api: HostApi | null): void => {
  current = api;
};

export function host(): HostApi {
  if (!current) throw new Error('Pipewright is not connected to its host yet.');
  return current;
}

export const hasHost = (): boolean => current !== null;
