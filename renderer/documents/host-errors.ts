import { ApiError } from '../../shared/api/contract';
import type { DocumentError } from '../../shared/document';

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
