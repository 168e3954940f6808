import type { HostApi } from '../api';

let current: HostApi | null = null;

/** The host API the run views talk to; set by `connectRuns` at start-up. */
export function setRunHost(api: HostApi | null): void {
  current = api;
}

export function runHost(): HostApi {
  if (!current) throw new Error('Pipewright is not connected to its host yet.');
  return current;
}
