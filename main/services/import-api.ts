import { ImportError } from '../redis/import/errors';
import { apiError } from './api-errors';
import type { HostHandlers } from './dispatcher';
import { importDeployment } from './import-redis';

/**
 * The host side of `import:redis` (docs/architecture.md "Import"): the payload is validated by the
 * dispatcher against its schema; this maps the import's failures to API error codes, so the
 * page can tell "cannot connect" from "nothing there".
 */
export function createImportHandlers(): Pick<HostHandlers, 'import:redis'> {
  return {
    'import:redis': async ({ url, prefix, listenMs }) => {
      try {
        const outcome = await importDeployment({
          url,
          ...(prefix !== undefined ? { prefix } : {}),
          ...(listenMs !== undefined ? { listenMs } : {}),
        });
        if (outcome.nothing) throw apiError('not-found', outcome.nothing);
        return outcome.result;
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
        throw apiError(
          error.kind === 'unsupported'
            ? 'unsupported'
            : error.kind === 'usage'
              ? 'invalid-request'
              : error.kind === 'permission'
                ? 'forbidden'
                : 'io',
          error.message,
        );
      }
    },
  };
}
