import { formatMegabytes } from '../../shared/metrics/format';
import {
  ApiError,
  MAX_WIRE_REQUEST_BYTES,
  type ApiErrorData,
  type EventChannel,
  type WireMessage,
} from '../../shared/api/contract';
import type { ConnectionStatus, Transport } from './transport';

/** The part of the browser's WebSocket this transport uses (the `ws` package fits it too). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WsTransportOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** First retry delay; doubles per failed attempt, with jitter, up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How long a request made while disconnected waits for the connection. */
  waitForConnectionMs?: number;
}

const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Web mode: requests over one WebSocket to the page's own origin, correlated by id. Reconnects
 * with exponential backoff; requests in flight when the connection drops fail with
 * `disconnected` (the host may or may not have run them), new ones wait for the connection.
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const {
    url,
    createSocket = (u) => new WebSocket(u) as unknown as SocketLike,
    retryMs = 250,
    maxRetryMs = 5_000,
    waitForConnectionMs = 10_000,
  } = options;
  let socket: SocketLike | undefined;
  let state: ConnectionStatus = 'connecting';
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  const inFlight = new Map<number, Pending>();
  const waiting = new Set<() => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();

  const setStatus = (next: ConnectionStatus) => {
    if (next === state) return;
    state = next;
    for (const listener of statusListeners) listener(next);
    if (next === 'connected') for (const wake of [...waiting]) wake();
  };

  const disconnected = (message: string) => new ApiError({ code: 'disconnected', message });

  function connect() {
    setStatus('connecting');
    let current: SocketLike;
    try {
      current = createSocket(url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      attempt = 0;
      setStatus('connected');
    });
    current.addEventListener('message', (event) => receive(event.data));
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = undefined;
      for (const [id, pending] of inFlight) {
        inFlight.delete(id);
        pending.reject(
          disconnected(
            'the connection to the Pipewright host was lost before it answered; try again',
          ),
        );
      }
      if (state !== 'closed') scheduleRetry();
    });
    current.addEventListener('error', () => undefined);
  }

  function scheduleRetry() {
    setStatus('disconnected');
    const delay = Math.min(maxRetryMs, retryMs * 2 ** attempt) * (0.5 + Math.random() / 2);
    attempt += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function receive(data: unknown) {
    let message: WireMessage;
    try {
      message = JSON.parse(String(data)) as WireMessage;
    } catch {
      return;
    }
    if ('event' in message) {
      for (const listener of eventListeners.get(message.event) ?? []) listener(message.payload);
      return;
    }
    const pending = message.id === null ? undefined : inFlight.get(message.id);
    if (!pending || message.id === null) {
      if (!message.result.ok) console.warn(`Pipewright host: ${message.result.error.message}`);
      return;
    }
    inFlight.delete(message.id);
    if (message.result.ok) pending.resolve(message.result.value);
    else pending.reject(new ApiError(message.result.error));
  }

  function whenConnected(): Promise<void> {
    if (state === 'connected') return Promise.resolve();
    if (state === 'closed') return Promise.reject(disconnected('the connection was closed'));
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiting.delete(wake);
        reject(
          disconnected(
            'no connection to the Pipewright host; is `pipewright serve` still running?',
          ),
        );
      }, waitForConnectionMs);
      waiting.add(wake);
    });
  }

  connect();

  return {
    kind: 'websocket',
    async request(channel, payload) {
      const id = nextId++;
      const frame = JSON.stringify({ id, channel, payload });
      if (frame.length > MAX_WIRE_REQUEST_BYTES) {
        const error: ApiErrorData = {
          code: 'too-large',
          message: `the request is ${formatMegabytes(frame.length)}; the host accepts at most ${formatMegabytes(MAX_WIRE_REQUEST_BYTES)}`,
        };
        throw new ApiError(error);
      }
      await whenConnected();
      return new Promise((resolve, reject) => {
        if (!socket || socket.readyState !== OPEN) {
          reject(disconnected('the connection to the Pipewright host was lost; try again'));
          return;
        }
        inFlight.set(id, { resolve, reject });
        socket.send(frame);
      });
    },
    on(event: EventChannel, listener) {
      const set = eventListeners.get(event) ?? new Set();
      eventListeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    status: () => state,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      setStatus('closed');
      clearTimeout(retryTimer);
      socket?.close(1000, 'closed by the page');
      socket = undefined;
      for (const [id, pending] of inFlight) {
        inFlight.delete(id);
        pending.reject(disconnected('the connection was closed'));
      }
    },
  };
}
