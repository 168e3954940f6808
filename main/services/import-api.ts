import { ApiError, type ImportRedisRequest } from '../../shared/api/contract';
import type { CalibrationResult } from '../../shared/calibration/observations';
import { ImportError, type ImportErrorKind } from '../redis/import/errors';
import { importDeployment } from './import-redis';

const CODES: Record<ImportErrorKind, ApiError['code']> = {
  connect: 'io',
  auth: 'forbidden',
  permission: 'forbidden',
  unsupported: 'unsupported',
  usage: 'invalid-request',
};

/**
 * The `import:redis` channel: the same path as `pipewright import` (docs/architecture.md
 * "Calibration"); a Redis that cannot be read, or holds nothing to import, is an ApiError that
 * says what to do.
 */
export async function importRedis(request: ImportRedisRequest): Promise<CalibrationResult> {
  let outcome: Awaited<ReturnType<typeof importDeployment>>;
  try {
    outcome = await importDeployment({
      url: request.url,
      ...(request.prefix !== undefined ? { prefix: request.prefix } : {}),
      listenMs: request.listenMs ?? 0,
    });
  } catch (error) {
    if (error instanceof ImportError)
      throw new ApiError({ code: CODES[error.kind], message: error.message });
    throw error;
  }
  if (outcome.nothing !== null) throw new ApiError({ code: 'not-found', message: outcome.nothing });
  return outcome.result;
}
