import {
  REQUEST_CHANNELS,
  type EventChannel,
  type EventPayloads,
  type PipewrightApi,
  type PipewrightEvents,
} from '../../shared/api/contract';

/** `connecting` at start and while retrying, `connected`, `disconnected` between retries. */
export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** What both transports (Electron IPC, WebSocket) provide; `buildApi` types it from the contract. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  /** Resolves with the response, rejects with an `ApiError`. */
  request(channel: string, payload: unknown): Promise<unknown>;
  on(event: EventChannel, listener: (payload: unknown) => void): () => void;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  close(): void;
}

export type HostApi = PipewrightApi &
  PipewrightEvents & {
    readonly transport: Transport['kind'];
    status(): ConnectionStatus;
    /** Called on every change, so the UI can show "disconnected" and "reconnecting". */
    onStatus(listener: (status: ConnectionStatus) => void): () => void;
    close(): void;
  };

/** One async function per request channel of the contract, plus events and status. */
export function buildApi(transport: Transport): HostApi {
  const requests = Object.fromEntries(
    REQUEST_CHANNELS.map((channel) => [
      channel,
      (payload?: unknown) => transport.request(channel, payload ?? {}),
    ]),
  ) as PipewrightApi;
  return {
    ...requests,
    transport: transport.kind,
    on: <E extends EventChannel>(event: E, listener: (payload: EventPayloads[E]) => void) =>
      transport.on(event, listener as (payload: unknown) => void),
    status: () => transport.status(),
    onStatus: (listener) => transport.onStatus(listener),
    close: () => transport.close(),
  };
}
