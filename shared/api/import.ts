import { z } from 'zod';

/**
 * Request schema of `import:redis` (issue 14): read a live BullMQ deployment and calibrate a model
 * of it. The response is `CalibrationResult` (shared/calibration). The page is untrusted: only
 * redis:// and rediss:// URLs (never postgres:, file:, http:), a bounded prefix and a listening
 * window of at most 10 minutes, so one request cannot hold the host's connection for long.
 */
export const MAX_IMPORT_LISTEN_MS = 10 * 60_000;

export function importSchemas() {
  const urlMessage = 'must be a redis:// or rediss:// URL';
  return {
    redis: z.strictObject({
      url: z
        .string({ error: urlMessage })
        .max(2048, { error: urlMessage })
        .regex(/^rediss?:\/\/\S+$/, { error: urlMessage }),
      prefix: z
        .string({ error: 'must be a key prefix' })
        .regex(/^\S{1,100}$/, { error: 'must be a key prefix of 1-100 characters without spaces' })
        .optional(),
      listenMs: z
        .number({ error: 'must be a number of milliseconds' })
        .int({ error: 'must be a whole number of milliseconds' })
        .min(0, { error: 'must be 0 or more' })
        .max(MAX_IMPORT_LISTEN_MS, {
          error: `must be at most ${MAX_IMPORT_LISTEN_MS} (10 minutes)`,
        })
        .optional(),
    }),
  };
}

export type ImportRedisRequest = z.infer<ReturnType<typeof importSchemas>['redis']>;
