import type { HostApi } from '../api';
import { ApiError } from '../../shared/api/contract';
import type { DocumentError } from '../../shared/document';

let current: HostApi | null = null;

/** The host API (Electron IPC or web mode's WebSocket), set once at start-up. */
export const setHost = (api: HostApi | null): void => {
  current = api;
};

export function host(): HostApi {
  if (!current) throw new Error('Pipewright is not connected to its host yet.');
  return current;
}

export const hasHost = (): boolean => current !== null;

/** A failure from the host as the problems a person can act on. */
export function errorsOf(error: unknown): DocumentError[] {
  if (error instanceof ApiError) {
    return error.errors && error.errors.length > 0
      ? error.errors
      : [{ path: '', message: error.message }];
  }
  return [{ path: '', message: error instanceof Error ? error.message : String(error) }];
}

export const messageOf = (error: unknown): string =>
  errorsOf(error)
    .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
    .join('; ');
