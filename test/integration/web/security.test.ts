import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, openSocket, SECRET, startTestServer, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.stop());

const wsUrl = (query = '') => `ws://127.0.0.1:${t.server.port}/api/ws${query}`;

describe('web mode security', () => {
  it('listens on 127.0.0.1 and prints a URL with a long random token', () => {
    expect(t.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(t.server.url).toContain(t.server.token);
  });

  it('serves the app with the token and sets a strict, HttpOnly, SameSite cookie', async () => {
    const res = await rawGet(t.server.port, `/?token=${t.server.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Pipewright</title>');
    expect(res.headers['set-cookie']).toEqual([
      `pipewright_token_${t.server.port}=${t.server.token}; Path=/; HttpOnly; SameSite=Strict`,
    ]);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${t.server.port}`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('lets assets in with the cookie alone', async () => {
    const res = await rawGet(t.server.port, '/assets/app.js', {
      cookie: `other=1; pipewright_token_${t.server.port}=${t.server.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses requests without the token or with a wrong one', async () => {
    const missing = await rawGet(t.server.port, '/');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatch(/missing token: open the URL printed by `pipewright serve`/);
    const wrong = await rawGet(t.server.port, '/?token=not-the-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatch(/wrong token/);
    const wrongCookie = await rawGet(t.server.port, '/assets/app.js', {
      cookie: `pipewright_token_${t.server.port}=${t.server.token.slice(1)}x`,
    });
    expect(wrongCookie.status).toBe(403);
    const otherPortsCookie = await rawGet(t.server.port, '/', {
      cookie: `pipewright_token_1=${t.server.token}`,
    });
    expect(otherPortsCookie.status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${t.server.port}`, '127.0.0.1:1']) {
      const res = await rawGet(t.server.port, `/?token=${t.server.token}`, { host });
      expect(res.status, host).toBe(403);
      expect(res.body).toMatch(/foreign Host header/);
    }
    const localhost = await rawGet(t.server.port, `/?token=${t.server.token}`, {
      host: `localhost:${t.server.port}`,
    });
    expect(localhost.status).toBe(200);
  });

  it('refuses a foreign Origin even with the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${t.server.port + 1}`]) {
      const res = await rawGet(t.server.port, `/?token=${t.server.token}`, { origin });
      expect(res.status, origin).toBe(403);
      expect(res.body).toMatch(/foreign Origin/);
    }
    const same = await rawGet(t.server.port, `/?token=${t.server.token}`, { origin: t.origin });
    expect(same.status).toBe(200);
  });

  it('never serves a file outside the renderer folder', async () => {
    symlinkSync(join(t.root, 'secret.txt'), join(t.rendererDir, 'link.txt'));
    const auth = { cookie: `pipewright_token_${t.server.port}=${t.server.token}` };
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E%2Fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/..\\secret.txt',
      '/%00/../secret.txt',
      '/link.txt',
      '/%',
    ]) {
      const res = await rawGet(t.server.port, path, auth);
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET);
    }
  });

  it('refuses other methods and answers 404 for unknown files', async () => {
    const auth = { cookie: `pipewright_token_${t.server.port}=${t.server.token}` };
    expect((await rawGet(t.server.port, '/missing.js', auth)).status).toBe(404);
    const res = await fetch(`${t.origin}/`, { method: 'POST', headers: auth });
    expect(res.status).toBe(405);
  });

  it('refuses WebSocket upgrades without the token, with a wrong one, or from foreign pages', async () => {
    expect(await openSocket(wsUrl())).toMatchObject({ refused: 401 });
    expect(await openSocket(wsUrl('?token=nope'))).toMatchObject({ refused: 403 });
    const token = `?token=${t.server.token}`;
    expect(await openSocket(wsUrl(token), { origin: 'http://evil.example' })).toMatchObject({
      refused: 403,
      body: expect.stringMatching(/foreign Origin/),
    });
    expect(
      await openSocket(wsUrl(token), { headers: { host: `rebound.example:${t.server.port}` } }),
    ).toMatchObject({ refused: 403, body: expect.stringMatching(/foreign Host/) });
    expect(
      await openSocket(`ws://127.0.0.1:${t.server.port}/elsewhere${token}`, { origin: t.origin }),
    ).toMatchObject({ refused: 404 });
    const accepted = await openSocket(wsUrl(), {
      origin: t.origin,
      headers: { cookie: `pipewright_token_${t.server.port}=${t.server.token}` },
    });
    expect(accepted).toHaveProperty('socket');
    if ('socket' in accepted) accepted.socket.close();
  });
});
