import { isCluster, openRedis, type RedisClient } from './client';
import { parseInfo } from './info';
import { redactUrl } from './probe';

export type ConnectionState = 'connecting' | 'connected' | 'lost' | 'reconnected' | 'closed';

export interface ConnectionEvent {
  state: ConnectionState;
  /** Epoch ms. */
  at: number;
  message: string;
}

export interface ConnectionMonitorOptions {
  /** How often to PING; a missing answer within `timeoutMs` counts as lost. */
  heartbeatMs?: number;
  timeoutMs?: number;
  /**
   * The caller has just talked to this server (e.g. probed it): start as connected, so a server
   * that dies before the watch's own connection is up is still reported lost.
   */
  assumeConnected?: boolean;
  /**
   * Watch a Redis Cluster (the server said `redis_mode:cluster`): a cluster client, and the
   * cluster's own verdict — `cluster_state` from CLUSTER INFO — instead of one node's PING, since
   * a cluster with a dead master refuses the keys of its slots while every other node answers.
   */
  cluster?: boolean;
}

/**
 * Watches one Redis connection and reports connected / lost / reconnected. A closed socket is
 * reported at once; a server that stops answering (hung, paused, network gone) within
 * heartbeat + timeout, so the status bar is right within 2 s either way.
 */
export class ConnectionMonitor {
  private readonly client: RedisClient;
  private state: ConnectionState = 'connecting';
  private everConnected = false;
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();
  private readonly heartbeat: NodeJS.Timeout;
  private pinging = false;

  constructor(
    readonly url: string,
    options: ConnectionMonitorOptions = {},
  ) {
    const timeoutMs = options.timeoutMs ?? 1000;
    if (options.assumeConnected) {
      this.state = 'connected';
      this.everConnected = true;
    }
    this.client = openRedis(url, {
      cluster: options.cluster ?? false,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(100 * times, 500),
    });
    this.client.on('error', () => {});
    this.client.on('ready', () => {
      if (this.state === 'connected' || this.state === 'reconnected') return;
      this.set(
        this.everConnected ? 'reconnected' : 'connected',
        `${this.everConnected ? 'Reconnected to' : 'Connected to'} Redis at ${redactUrl(url)}`,
      );
    });
    this.client.on('close', () => this.lost('the connection closed'));
    this.heartbeat = setInterval(() => void this.ping(timeoutMs), options.heartbeatMs ?? 500);
    this.heartbeat.unref();
  }

  get current(): ConnectionState {
    return this.state;
  }

  on(listener: (event: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.state = 'closed';
    this.listeners.clear();
    this.client.disconnect();
  }

  private async ping(timeoutMs: number): Promise<void> {
    if (this.pinging || this.state === 'closed' || this.client.status !== 'ready') return;
    this.pinging = true;
    const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs));
    try {
      const answer = await Promise.race([this.answer().catch(() => 'error'), timer]);
      if (answer === 'PONG' && this.state === 'lost' && isCluster(this.client)) {
        // A cluster client stays ready while one master is away: its return shows only here.
        this.set('reconnected', `Reconnected to Redis at ${redactUrl(this.url)}`);
      } else if (answer !== 'PONG') {
        this.lost(
          answer === 'timeout'
            ? `no answer to PING within ${timeoutMs} ms`
            : answer === 'error'
              ? 'PING failed'
              : answer,
        );
        // A hung server keeps the socket open: drop it so ioredis reconnects when it answers.
        if (answer === 'timeout') this.client.disconnect(true);
      }
    } finally {
      this.pinging = false;
    }
  }

  /** PONG when the server (or the whole cluster) serves, else what is wrong. */
  private async answer(): Promise<string> {
    if (!isCluster(this.client)) return this.client.ping();
    const state = parseInfo((await this.client.cluster('INFO')) as string).cluster_state;
    if (state === 'ok') {
      // The node that answered may not yet know a master died: nodes that hold no slot of it
      // say so first. Every master must answer too.
      await Promise.all(this.client.nodes('master').map((node) => node.ping()));
      return 'PONG';
    }
    return `the cluster is down (cluster_state:${state ?? 'unknown'}): a master is unreachable`;
  }

  private lost(why: string): void {
    if (this.state === 'connected' || this.state === 'reconnected') {
      this.set('lost', `Lost the connection to Redis at ${redactUrl(this.url)}: ${why}`);
    }
  }

  private set(state: ConnectionState, message: string): void {
    if (this.state === 'closed') return;
    if (state === 'connected' || state === 'reconnected') this.everConnected = true;
    this.state = state;
    const event = { state, at: Date.now(), message };
    for (const listener of this.listeners) listener(event);
  }
}
