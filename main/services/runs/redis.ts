import type { RedisStatus } from '../../../shared/api/contract';
import { ConnectionMonitor, type ConnectionEvent } from '../../redis/connection-monitor';
import { locateRedis, RedisUnavailableError, type RedisEndpoint } from '../../redis/locate';
import { redactUrl } from '../../redis/probe';

export interface RedisServiceOptions {
  /** The URL to try first when a request names none (settings, then the default). */
  defaultUrl?: () => string | undefined | Promise<string | undefined>;
  /** Start redis-server from PATH when no URL answers (default true). */
  allowStart?: boolean;
  platform?: string;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/**
 * The Redis the app runs against, for every host: the given or configured URL when it answers,
 * otherwise a managed redis-server (stopped by `close()`, and by its guard if the host dies),
 * otherwise a status that says what to install. Watches the connection and reports
 * connected / lost / reconnected.
 */
export class RedisService {
  private endpoint: RedisEndpoint | null = null;
  private monitor: ConnectionMonitor | null = null;
  private current: RedisStatus = {
    state: 'unknown',
    url: null,
    managed: false,
    version: null,
    maxmemoryPolicy: null,
    warnings: [],
    message: 'Redis has not been looked for yet',
    help: null,
  };
  private readonly listeners = new Set<(status: RedisStatus) => void>();
  private locating: Promise<RedisEndpoint> | null = null;
  /** The URL asked for when the current endpoint was found. */
  private requested: string | null = null;

  constructor(private readonly options: RedisServiceOptions = {}) {}

  status(): RedisStatus {
    return this.current;
  }

  onStatus(listener: (status: RedisStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A Redis to use: the current one when it still serves `url` (or any, when `url` is absent),
   * otherwise found or started afresh. Throws RedisUnavailableError with install help.
   */
  async ensure(url?: string): Promise<RedisEndpoint> {
    if (this.locating) await this.locating.catch(() => undefined);
    const wanted = url ?? (await this.options.defaultUrl?.()) ?? DEFAULT_URL;
    const current = this.endpoint;
    // The same request gets the same server, including a managed one started in its place.
    const usable =
      current &&
      this.monitor?.current !== 'lost' &&
      (current.url === wanted || this.requested === wanted);
    if (usable) return current;
    this.locating = this.locate(wanted);
    try {
      return await this.locating;
    } finally {
      this.locating = null;
    }
  }

  /** Stops the connection watch and a managed server. */
  async close(): Promise<void> {
    await this.monitor?.close();
    this.monitor = null;
    await this.endpoint?.managed?.stop();
    this.endpoint = null;
    this.listeners.clear();
  }

  private async locate(url: string): Promise<RedisEndpoint> {
    this.publish({
      ...this.current,
      state: 'connecting',
      message: `Looking for Redis at ${redactUrl(url)}…`,
    });
    let endpoint: RedisEndpoint;
    try {
      endpoint = await locateRedis({
        url,
        allowStart: this.options.allowStart ?? true,
        ...(this.options.platform ? { platform: this.options.platform } : {}),
      });
    } catch (error) {
      const unavailable = error instanceof RedisUnavailableError;
      this.publish({
        state: 'unavailable',
        url: redactUrl(url),
        managed: false,
        version: null,
        maxmemoryPolicy: null,
        warnings: [],
        message: (error as Error).message,
        help: unavailable ? error.help : null,
      });
      throw error;
    }
    // Replace the previous endpoint (and stop a managed server we no longer use).
    const previous = this.endpoint;
    await this.monitor?.close();
    if (previous?.managed && previous.url !== endpoint.url) await previous.managed.stop();
    this.endpoint = endpoint;
    this.requested = url;
    const base: RedisStatus = {
      state: 'connected',
      url: redactUrl(endpoint.url),
      managed: endpoint.managed !== null,
      version: endpoint.probe.version,
      maxmemoryPolicy: endpoint.probe.maxmemoryPolicy,
      warnings: endpoint.probe.warnings,
      message: endpoint.managed
        ? `Started redis-server ${endpoint.probe.version} on ${redactUrl(endpoint.url)}` +
          (url ? ` (nothing answered at ${redactUrl(url)})` : '')
        : `Connected to Redis ${endpoint.probe.version} at ${redactUrl(endpoint.url)}`,
      help: null,
    };
    this.publish(base);
    this.monitor = new ConnectionMonitor(endpoint.url, {
      assumeConnected: true,
      cluster: endpoint.probe.mode === 'cluster',
    });
    this.monitor.on((event: ConnectionEvent) => {
      if (event.state === 'connected') return; // the probe already said so
      if (event.state === 'closed' || event.state === 'connecting') return;
      this.publish({ ...base, state: event.state, message: event.message });
    });
    return endpoint;
  }

  private publish(status: RedisStatus): void {
    this.current = status;
    for (const listener of this.listeners) listener(status);
  }
}
