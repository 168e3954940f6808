import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HostServices } from '../services/host-services';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../services/security-policy';
import { checkRequest, newToken, tokenCookie, type Gate } from './security';
import { lookupStatic, rendererIndex, sendFile } from '../services/static-files';
import { createWsApi } from './ws-api';

export const WS_PATH = '/api/ws';
const LOOPBACK = '127.0.0.1';

export interface WebServerOptions {
  /** 0 picks a free port. */
  port: number;
  services: HostServices;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface WebServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export class RendererNotBuiltError extends Error {
  constructor(rendererDir: string) {
    super(
      `the renderer is not built (${rendererIndex(rendererDir)} is missing): run npm run build`,
    );
    this.name = 'RendererNotBuiltError';
  }
}

/**
 * Web mode: the built renderer and the host services (over WebSocket) on 127.0.0.1 only. Every
 * request — page, asset or WebSocket upgrade — needs the token and a Host and Origin naming this
 * server; every response carries the strict CSP and security headers.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { services, rendererDir } = options;
  if (!existsSync(rendererIndex(rendererDir))) throw new RendererNotBuiltError(rendererDir);
  const gate: Gate = { port: 0, token: options.token ?? newToken() };
  const ws = createWsApi(services);
  let csp = '';

  const securityHeaders = (res: ServerResponse) => {
    res.setHeader('Content-Security-Policy', csp);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  };
  const refuse = (res: ServerResponse, status: number, reason: string) => {
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`Pipewright refused this request: ${reason}\n`);
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    securityHeaders(res);
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${gate.port}`);
    const verdict = checkRequest(req, url, gate);
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    if (verdict.tokenFromUrl) res.setHeader('Set-Cookie', tokenCookie(gate));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, `method ${req.method} is not allowed`);
    }
    if (url.pathname === WS_PATH)
      return refuse(res, 426, 'this address takes WebSocket connections');
    const found = await lookupStatic(rendererDir, url.pathname);
    if (!found.ok) {
      const reasons: Record<number, string> = {
        400: 'bad path',
        403: 'path outside the app',
        404: 'not found',
      };
      return refuse(res, found.status, reasons[found.status] ?? 'refused');
    }
    sendFile(res, found, req.method === 'HEAD');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${gate.port}`);
    const verdict = url.pathname === WS_PATH ? checkRequest(req, url, gate) : null;
    if (!verdict?.ok) {
      const status = verdict ? verdict.status : 404;
      const reason = verdict && !verdict.ok ? verdict.reason : 'not found';
      socket.end(
        `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\n` +
          `Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n` +
          `Pipewright refused this request: ${reason}\n`,
      );
      return;
    }
    ws.handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  gate.port = typeof address === 'object' && address ? address.port : options.port;
  csp = contentSecurityPolicy({
    connect: [`ws://${LOOPBACK}:${gate.port}`, `ws://localhost:${gate.port}`],
  });

  return {
    url: `http://${LOOPBACK}:${gate.port}/?token=${gate.token}`,
    token: gate.token,
    port: gate.port,
    close: async () => {
      ws.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
