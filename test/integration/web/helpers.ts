import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createHostServices, type HostServices } from '../../../main/services/host-services';
import { startWebServer, type WebServer } from '../../../main/web/server';
import { writeExamples } from '../../unit/main/services/fixtures';

export const SECRET = 'top secret outside the renderer folder';

export interface TestServer {
  server: WebServer;
  services: HostServices;
  root: string;
  /** The folder the page may use (`--host-dir`); `root` itself is outside it. */
  hostDir: string;
  rendererDir: string;
  origin: string;
  stop(): Promise<void>;
}

/** A real web server on a random port, serving a tiny renderer from a temp folder. */
export async function startTestServer(): Promise<TestServer> {
  const root = mkdtempSync(join(tmpdir(), 'pipewright-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Pipewright</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(root, 'secret.txt'), SECRET);
  mkdirSync(join(root, 'examples'));
  writeExamples(join(root, 'examples'));
  const hostDir = join(root, 'host');
  mkdirSync(hostDir);
  const services = createHostServices({
    userDataDir: join(root, 'user-data'),
    hostDir,
    examplesDir: join(root, 'examples'),
    warn: () => undefined,
  });
  const server = await startWebServer({ port: 0, services, rendererDir });
  const test: TestServer = {
    server,
    services,
    root,
    hostDir,
    rendererDir,
    origin: `http://127.0.0.1:${server.port}`,
    // Closes whichever server the test left running (tests may restart it).
    stop: async () => {
      await test.server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
  return test;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP GET whose path and headers are sent exactly as given (no URL normalising). */
export function rawGet(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'GET',
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the socket, or with the HTTP status of a refused upgrade. */
export function openSocket(
  url: string,
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<{ socket: WebSocket } | { refused: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { ...options });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ refused: res.statusCode ?? 0, body }));
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** Sends one frame and waits for the answer (the next message). */
export function exchange(
  socket: WebSocket,
  frame: string | Buffer,
  binary = false,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onClose = (code: number) => reject(new Error(`socket closed with ${code}`));
    socket.once('close', onClose);
    socket.once('message', (data) => {
      socket.off('close', onClose);
      resolve(JSON.parse(String(data)));
    });
    socket.send(frame, { binary });
  });
}
