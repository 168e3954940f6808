import { formatMegabytes } from '../../shared/metrics/format';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
  MAX_WIRE_REQUEST_BYTES,
  type ApiErrorData,
  type ApiResult,
  type WireMessage,
  type WireRequest,
} from '../../shared/api/contract';
import { MAX_DOCUMENT_BYTES } from '../../shared/document';
import type { HostServices } from '../services/host-services';

/** Frames above this are cut by `ws` (close code 1009); between the two we answer clearly. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const HEARTBEAT_MS = 30_000;

export interface WsApi {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/**
 * The host services over WebSocket: `{id, channel, payload}` in, `{id, result}` out, and events
 * as `{event, payload}` to every client. Any bad frame gets an answer and the connection stays.
 */
export function createWsApi(services: HostServices): WsApi {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  const unsubscribe = services.onEvent((event, payload) => {
    const frame = JSON.stringify({ event, payload } satisfies WireMessage);
    for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(frame);
  });

  wss.on('connection', (socket) => {
    alive.set(socket, true);
    socket.on('pong', () => alive.set(socket, true));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      void answer(socket, data, isBinary);
    });
  });

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (!alive.get(client)) client.terminate();
      else {
        alive.set(client, false);
        client.ping();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  async function answer(socket: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const reply = (id: number | null, result: ApiResult<unknown>) => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ id, result } satisfies WireMessage));
      }
    };
    const fail = (id: number | null, error: ApiErrorData) => reply(id, { ok: false, error });

    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const id = peekId(buffer);
    if (buffer.length > MAX_WIRE_REQUEST_BYTES) {
      fail(id, {
        code: 'too-large',
        message: `the request is ${formatMegabytes(buffer.length)}; the largest accepted is ${formatMegabytes(MAX_WIRE_REQUEST_BYTES)} (a pipeline document is at most ${formatMegabytes(MAX_DOCUMENT_BYTES)})`,
      });
      return;
    }
    if (isBinary) {
      fail(id, {
        code: 'invalid-request',
        message: 'binary frames are not accepted; send each request as JSON text',
      });
      return;
    }
    let request: Partial<WireRequest>;
    try {
      request = JSON.parse(buffer.toString('utf8')) as Partial<WireRequest>;
    } catch (error) {
      fail(id, {
        code: 'invalid-request',
        message: `the request is not JSON: ${(error as Error).message}`,
      });
      return;
    }
    if (typeof request !== 'object' || request === null || !Number.isSafeInteger(request.id)) {
      fail(null, {
        code: 'invalid-request',
        message:
          'a request must be an object {"id": <integer>, "channel": "domain:verb", "payload": {...}}',
      });
      return;
    }
    const requestId = request.id as number;
    reply(requestId, await services.dispatch(request.channel, request.payload));
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      clearInterval(heartbeat);
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** The id of a request too large or too broken to parse, read from its first bytes. */
function peekId(buffer: Buffer): number | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(
    buffer.subarray(0, 64).toString('latin1'),
  );
  return match ? Number(match[1]) : null;
}
