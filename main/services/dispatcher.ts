import type { z } from 'zod';
import {
  ApiError,
  requestChannels,
  type ApiErrorData,
  type ApiResult,
  type RequestChannel,
  type ResponseOf,
  type ValidRequestOf,
} from '../../shared/api/contract';
import { formatPath } from '../../shared/document';
import { describeFsError } from './document-file';

/** One function per request channel; each receives a request already checked by its schema. */
export type HostHandlers = {
  [C in RequestChannel]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>>;
};

export type Dispatch = (channel: unknown, payload: unknown) => Promise<ApiResult<unknown>>;

/**
 * The single entry point for every transport: checks the channel, validates the payload with the
 * channel's zod schema (the renderer is untrusted), runs the handler, and turns every failure into
 * `ApiErrorData`. It never throws.
 */
export function createDispatcher(
  handlers: HostHandlers,
  warn: (message: string) => void = () => undefined,
): Dispatch {
  return async (channel, payload) => {
    if (typeof channel !== 'string' || !Object.hasOwn(requestChannels, channel)) {
      const shown = typeof channel === 'string' ? `"${channel.slice(0, 80)}"` : typeof channel;
      return failure({ code: 'invalid-request', message: `unknown request channel ${shown}` });
    }
    const name = channel as RequestChannel;
    const parsed = requestChannels[name].request.safeParse(payload === undefined ? {} : payload);
    if (!parsed.success) {
      return failure({
        code: 'invalid-request',
        message: `invalid request for "${name}": ${describeIssues(parsed.error.issues)}`,
      });
    }
    try {
      const handler = handlers[name] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return failure(toApiErrorData(error, name, warn));
    }
  };
}

const failure = (error: ApiErrorData): ApiResult<never> => ({ ok: false, error });

export function toApiErrorData(
  error: unknown,
  channel: string,
  warn: (message: string) => void = () => undefined,
): ApiErrorData {
  if (error instanceof ApiError) return error.toData();
  const errno = error as NodeJS.ErrnoException | undefined;
  if (typeof errno?.code === 'string' && typeof errno.syscall === 'string') {
    const where = errno.path ? ` (${errno.path})` : '';
    return {
      code: errno.code === 'ENOENT' ? 'not-found' : 'io',
      message: `${describeFsError(error)}${where}`,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  warn(`"${channel}" failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  return { code: 'internal', message: `"${channel}" failed unexpectedly: ${message}` };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `${formatPath([...issue.path, k])}: unknown field`).join('; ');
    }
    const where = formatPath(issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  return `${parts.join('; ')}${more}`;
}
