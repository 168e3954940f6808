import { ApiError, type ApiErrorCode } from '../../shared/api/contract';
import type { DocumentError } from '../../shared/document';
import { describeFsError } from './document-file';

export const apiError = (code: ApiErrorCode, message: string, errors?: DocumentError[]) =>
  new ApiError({ code, message, ...(errors ? { errors } : {}) });

/** `the document is not valid: nodes[0].name: … (and 2 more problems)`, with every error attached. */
export function invalidDocument(errors: DocumentError[], what = 'the document'): ApiError {
  const [first] = errors;
  const where = first?.path ? `${first.path}: ` : '';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
  return apiError(
    'invalid-document',
    `${what} is not valid: ${where}${first?.message}${more}`,
    errors,
  );
}

/** A file-system failure as an API error that names the file and what to do. */
export function fsApiError(action: string, path: string, error: unknown): ApiError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return apiError(
    code === 'ENOENT' ? 'not-found' : 'io',
    `could not ${action} ${path}: ${describeFsError(error)}`,
  );
}
