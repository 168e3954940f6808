import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiError } from '../../../shared/api/contract';
import { createApi, type ConnectionStatus, type HostApi } from '../../../renderer/api';
import type { SocketLike } from '../../../renderer/api/ws-transport';
import { startWebServer } from '../../../main/web/server';
import { startTestServer, type TestServer } from './helpers';

let t: TestServer | undefined;
let api: HostApi | undefined;
afterEach(async () => {
  api?.close();
  await t?.stop();
});

function connect(server: TestServer, statuses: ConnectionStatus[] = []): HostApi {
  return createApi({
    bridge: null,
    url: `ws://127.0.0.1:${server.server.port}/api/ws?token=${server.server.token}`,
    createSocket: (url) => new WebSocket(url, { origin: server.origin }) as unknown as SocketLike,
    onStatus: (s) => statuses.push(s),
  });
}

const until = async (check: () => boolean, what: string) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('renderer transport (WebSocket)', () => {
  it('is typed from the contract: answers, ApiError rejections and events', async () => {
    t = await startTestServer();
    api = connect(t);
    expect(api.transport).toBe('websocket');
    const [info, examples] = await Promise.all([api['app:info'](), api['examples:list']()]);
    expect(info).toMatchObject({ host: 'web', nativeDialogs: false });
    expect(examples.map((e) => e.id)).toEqual(['welcome-emails']);

    const error = await api['documents:open']({
      path: `${t.hostDir}/nowhere.pipewright.json`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/no such file/),
    });

    const opened = new Promise((resolve) => api!.on('menu:command', resolve));
    t.services.emit('menu:command', { command: 'view:fit' });
    expect(await opened).toEqual({ command: 'view:fit' });
  });

  it('reports disconnection, reconnects with backoff, and fails requests that were in flight', async () => {
    t = await startTestServer();
    const statuses: ConnectionStatus[] = [];
    api = connect(t, statuses);
    await api['app:info']();
    expect(api.status()).toBe('connected');

    const { port, token } = t.server;
    await t.server.close();
    await until(() => api!.status() === 'disconnected', 'disconnected');
    const waiting = api['documents:recent']();

    const again = await startWebServer({
      port,
      token,
      services: t.services,
      rendererDir: t.rendererDir,
    });
    t.server = again;
    await until(() => api!.status() === 'connected', 'reconnected');
    expect(await waiting).toEqual([]);
    expect(statuses[0]).toBe('connecting');
    expect(statuses).toContain('disconnected');
    expect(statuses.at(-1)).toBe('connected');
  });

  it('rejects a request in flight when the connection drops', async () => {
    t = await startTestServer();
    api = connect(t);
    await api['app:info']();
    // A handler that never answers, so the request is in flight when the server goes away.
    t.services.handlers['documents:recent'] = () => new Promise(() => undefined);
    const inFlight = api['documents:recent']().catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await t.server.close();
    expect(await inFlight).toMatchObject({ code: 'disconnected' });
  });

  it('refuses an oversized request before sending it', async () => {
    t = await startTestServer();
    api = connect(t);
    const document = { description: 'x'.repeat(12 * 1024 * 1024) };
    await expect(
      api['documents:save']({ path: '/tmp/a.pipewright.json', document }),
    ).rejects.toMatchObject({ code: 'too-large' });
  });
});
