import { redactUrl } from '../probe';

/**
 * Why an import could not read a deployment, by kind, so each shell answers it its own way (the
 * CLI with exit 2 for `connect`/`auth`/`usage`/`unsupported`, the API with an error code).
 */
export type ImportErrorKind =
  /** Nothing answered at the URL within the timeout (refused, unknown host, timed out). */
  | 'connect'
  /** Redis answered but refused the username/password. */
  | 'auth'
  /** The user may connect but not run a read command the import needs (ACL). */
  | 'permission'
  /** Not a Redis URL (e.g. BullMQ's PostgreSQL backend). */
  | 'unsupported'
  /** A malformed URL or option. */
  | 'usage';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/** A Redis/socket error met while connecting or reading, as an ImportError that says what to do. */
export function importErrorOf(error: unknown, url: string): ImportError {
  if (error instanceof ImportError) return error;
  const message = (error as Error).message ?? String(error);
  const where = redactUrl(url);
  if (/WRONGPASS|NOAUTH|invalid username-password|AUTH failed/i.test(message)) {
    return new ImportError(
      'auth',
      `${where}: Redis refused the credentials (${message}). Put the right username and password ` +
        'in the URL: redis://USER:PASSWORD@HOST:PORT.',
    );
  }
  if (/NOPERM/.test(message)) {
    return new ImportError(
      'permission',
      `${where}: this Redis user may not run a read command the import needs (${message}). ` +
        'Import only reads; grant the user +@read +@connection +client|list +info ' +
        '(e.g. ACL SETUSER NAME +@read +@connection +client|list +info ~*).',
    );
  }
  return new ImportError(
    'connect',
    `${where}: could not read from Redis (${message}). Check that Redis runs there and that the ` +
      'host, port and TLS setting (rediss://) are right.',
  );
}

/** Refuses URLs that are not Redis's before anything connects. */
export function checkImportUrl(url: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new ImportError(
      'usage',
      `"${redactUrl(url)}" is not a URL; give a Redis URL such as redis://127.0.0.1:6379.`,
    );
  }
  if (protocol === 'postgres:' || protocol === 'postgresql:') {
    throw new ImportError(
      'unsupported',
      `${redactUrl(url)} is a PostgreSQL URL: BullMQ's PostgreSQL backend cannot be imported yet. ` +
        'Import reads BullMQ deployments on Redis: give a redis:// or rediss:// URL.',
    );
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new ImportError(
      'usage',
      `${redactUrl(url)}: import needs a redis:// or rediss:// URL (got ${protocol}).`,
    );
  }
}
