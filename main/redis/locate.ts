import { redisInstallHelp } from './install-help';
import { RedisNotInstalledError, startManagedRedis, type ManagedRedis } from './managed';
import { probeRedis, redactUrl, type RedisProbe } from './probe';

/** A Redis the app can use: one that answered at the given URL, or one it started. */
export interface RedisEndpoint {
  url: string;
  probe: RedisProbe;
  /** Set when Pipewright started this server; stop it when done. */
  managed: ManagedRedis | null;
}

/** No Redis answered and none could be started; `help` says what to install. */
export class RedisUnavailableError extends Error {
  readonly help: string;
  readonly tried: string | null;
  constructor(message: string, help: string, tried: string | null) {
    super(message);
    this.name = 'RedisUnavailableError';
    this.help = help;
    this.tried = tried;
  }
}

export interface LocateOptions {
  /** The URL to try first (settings, --redis, document). */
  url?: string;
  /** Start redis-server from PATH when the URL does not answer (default true). */
  allowStart?: boolean;
  probeTimeoutMs?: number;
  platform?: string;
}

/**
 * Finds a Redis to run against: the given URL when it answers (ping with a timeout), otherwise a
 * managed redis-server from PATH; otherwise RedisUnavailableError with per-OS install help.
 */
export async function locateRedis(options: LocateOptions = {}): Promise<RedisEndpoint> {
  let triedMessage = '';
  if (options.url) {
    const probe = await probeRedis(options.url, options.probeTimeoutMs ?? 1500);
    if (probe.ok) return { url: options.url, probe: probe.probe, managed: null };
    triedMessage = `Redis at ${redactUrl(options.url)} did not answer (${probe.error}).`;
  }
  if (options.allowStart === false) {
    throw new RedisUnavailableError(
      triedMessage || 'No Redis URL was given.',
      redisInstallHelp(options.platform),
      options.url ?? null,
    );
  }
  try {
    const managed = await startManagedRedis();
    return { url: managed.url, probe: managed.probe, managed };
  } catch (error) {
    if (error instanceof RedisNotInstalledError) {
      throw new RedisUnavailableError(
        [triedMessage, 'redis-server is not installed (not found on PATH).']
          .filter(Boolean)
          .join(' '),
        redisInstallHelp(options.platform),
        options.url ?? null,
      );
    }
    throw new RedisUnavailableError(
      [triedMessage, `Starting redis-server failed: ${(error as Error).message}`]
        .filter(Boolean)
        .join(' '),
      redisInstallHelp(options.platform),
      options.url ?? null,
    );
  }
}
