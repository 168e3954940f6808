import type { PipewrightBridge } from '../../shared/api/contract';
import { createIpcTransport } from './ipc-transport';
import { buildApi, type ConnectionStatus, type HostApi } from './transport';
import { createWsTransport, type SocketLike } from './ws-transport';

declare global {
  interface Window {
    /** Present only in the Electron app, exposed by the preload. */
    pipewright?: PipewrightBridge;
  }
}

/** The WebSocket address of web mode: the page's own origin, with the token if the URL has one. */
export const WS_PATH = '/api/ws';

export function webSocketUrl(location: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token');
  // Without a token in the URL the HttpOnly cookie set by the server carries it.
  return `${scheme}://${location.host}${WS_PATH}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

export interface CreateApiOptions {
  /** Called on every connection change (web mode), e.g. to show "disconnected". */
  onStatus?: (status: ConnectionStatus) => void;
  /** Tests: use this WebSocket address and socket factory instead of the page's. */
  url?: string;
  createSocket?: (url: string) => SocketLike;
  bridge?: PipewrightBridge | null;
}

/**
 * The renderer's one way to reach the host. In Electron the preload has put `window.pipewright`
 * there: use IPC. Anywhere else we were served by `pipewright serve`: use its WebSocket.
 */
export function createApi(options: CreateApiOptions = {}): HostApi {
  const bridge =
    options.bridge !== undefined
      ? options.bridge
      : typeof window !== 'undefined'
        ? window.pipewright
        : undefined;
  const transport = bridge
    ? createIpcTransport(bridge)
    : createWsTransport({
        url: options.url ?? webSocketUrl(window.location),
        ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      });
  const api = buildApi(transport);
  if (options.onStatus) {
    api.onStatus(options.onStatus);
    options.onStatus(api.status());
  }
  return api;
}

export type { ConnectionStatus, HostApi } from './transport';
