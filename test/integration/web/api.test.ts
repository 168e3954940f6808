import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { minimalDocument } from '../../unit/main/services/fixtures';
import { exchange, openSocket, startTestServer, type TestServer } from './helpers';

let t: TestServer;
let socket: WebSocket;

beforeAll(async () => {
  t = await startTestServer();
  const opened = await openSocket(
    `ws://127.0.0.1:${t.server.port}/api/ws?token=${t.server.token}`,
    {
      origin: t.origin,
    },
  );
  if (!('socket' in opened)) throw new Error(`refused: ${opened.refused}`);
  socket = opened.socket;
});
afterAll(async () => {
  socket.close();
  await t.stop();
});

const request = (id: number, channel: string, payload?: unknown) =>
  exchange(socket, JSON.stringify({ id, channel, payload }));

/** The server still answers on the same connection. */
async function stillUp(id: number) {
  expect(await request(id, 'app:info', {})).toMatchObject({
    id,
    result: { ok: true, value: { name: 'Pipewright', host: 'web', nativeDialogs: false } },
  });
}

describe('web mode API over WebSocket', () => {
  it('answers a request with the same id', async () => {
    expect(await request(7, 'examples:list', {})).toMatchObject({
      id: 7,
      result: { ok: true, value: [{ id: 'welcome-emails', name: 'Welcome emails' }] },
    });
  });

  it('saves a document through the host services', async () => {
    const path = join(t.hostDir, 'saved.pipewright.json');
    const answer = await request(8, 'documents:save', { path, document: minimalDocument() });
    expect(answer).toMatchObject({ id: 8, result: { ok: true, value: { path } } });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(minimalDocument());
  });

  it('answers an invalid payload with invalid-request and a clear message', async () => {
    expect(await request(9, 'documents:open', { path: 42 })).toEqual({
      id: 9,
      result: {
        ok: false,
        error: {
          code: 'invalid-request',
          message: 'invalid request for "documents:open": path: must be a file path',
        },
      },
    });
    expect(await request(10, 'no:such', {})).toMatchObject({
      id: 10,
      result: { ok: false, error: { message: 'unknown request channel "no:such"' } },
    });
  });

  it('answers frames that are not requests, and stays up', async () => {
    expect(await exchange(socket, '{"id": 11, "channel": ')).toMatchObject({
      id: 11,
      result: { ok: false, error: { code: 'invalid-request', message: /not JSON/ } },
    });
    expect(await exchange(socket, '[1, 2]')).toMatchObject({
      id: null,
      result: { ok: false, error: { message: expect.stringMatching(/must be an object/) } },
    });
    await stillUp(12);
  });

  it('refuses web-mode dialogs as unsupported', async () => {
    expect(await request(13, 'documents:pickSave', { suggestedName: 'x' })).toMatchObject({
      result: { ok: false, error: { code: 'unsupported' } },
    });
  });

  it('refuses a 50 MB document with a clear error and stays up', async () => {
    const path = join(t.hostDir, 'big.pipewright.json');
    const document = { ...minimalDocument(), description: 'x'.repeat(50 * 1024 * 1024) };
    const answer = await request(14, 'documents:save', { path, document });
    expect(answer).toEqual({
      id: 14,
      result: {
        ok: false,
        error: {
          code: 'too-large',
          message:
            'the request is 50 MB; the largest accepted is 11 MB (a pipeline document is at most 10 MB)',
        },
      },
    });
    await stillUp(15);
  });

  it('refuses a binary frame and a binary-garbage document, and stays up', async () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(await exchange(socket, garbage, true)).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'invalid-request', message: /binary frames/ } },
    });
    const path = join(t.hostDir, 'garbage.pipewright.json');
    const answer = await request(16, 'documents:save', {
      path,
      document: garbage.toString('latin1'),
    });
    expect(answer).toMatchObject({
      id: 16,
      result: { ok: false, error: { code: 'invalid-document', message: /not a pipeline/ } },
    });
    await stillUp(17);
  });

  it('refuses a document nested 10,000 deep, and stays up', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const path = join(t.hostDir, 'deep.pipewright.json');
    const frame = `{"id":18,"channel":"documents:save","payload":{"path":${JSON.stringify(path)},"document":{"format":"pipewright/v1","name":"deep","nodes":${deep},"edges":[]}}}`;
    expect(await exchange(socket, frame)).toMatchObject({
      id: 18,
      result: {
        ok: false,
        error: { code: 'invalid-document', message: /nested more than 64 levels deep/ },
      },
    });
    await stillUp(19);
  });

  it('pushes host events to the page', async () => {
    const received = new Promise((resolve) =>
      socket.once('message', (d) => resolve(JSON.parse(String(d)))),
    );
    t.services.emit('menu:command', { command: 'file:save' });
    expect(await received).toEqual({ event: 'menu:command', payload: { command: 'file:save' } });
  });
});
