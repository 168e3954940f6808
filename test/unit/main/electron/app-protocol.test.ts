import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appProtocolHandler } from '../../../../main/electron/app-origin';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../../../../main/services/security-policy';
import { useTempDirs } from '../services/fixtures';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDirs();

/** A renderer folder with a page, a script, and a secret beside it. */
function renderer() {
  const root = tempDir();
  const dir = join(root, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Pipewright</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');
  symlinkSync(join(root, 'secret.txt'), join(dir, 'assets', 'leak.js'));
  return appProtocolHandler(dir);
}

const get = (handler: ReturnType<typeof appProtocolHandler>, url: string, method = 'GET') =>
  handler(new Request(url, { method }));

describe('the app:// protocol', () => {
  it('serves the page and its assets with the strict CSP and every security header', async () => {
    const handler = renderer();
    for (const [url, type] of [
      ['app://pipewright/index.html', 'text/html; charset=utf-8'],
      ['app://pipewright/', 'text/html; charset=utf-8'],
      ['app://pipewright/assets/app.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await get(handler, url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(type);
      const csp = response.headers.get('content-security-policy');
      expect(csp).toBe(contentSecurityPolicy());
      expect(csp).toContain("script-src 'self';");
      expect(csp).not.toMatch(/unsafe-inline'; style|unsafe-eval/);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(response.headers.get(name)).toBe(value);
      }
    }
    expect(await (await get(handler, 'app://pipewright/index.html')).text()).toContain(
      '<title>Pipewright</title>',
    );
  });

  it('refuses paths out of the renderer folder, other hosts and methods, with the CSP too', async () => {
    const handler = renderer();
    for (const [url, status] of [
      // The URL parser already folds %2e%2e: it asks for /secret.txt in the renderer folder.
      ['app://pipewright/%2e%2e/secret.txt', 404],
      ['app://pipewright/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 403],
      ['app://pipewright/assets/leak.js', 403],
      ['app://pipewright/missing.js', 404],
      ['app://elsewhere/index.html', 404],
    ] as const) {
      const response = await get(handler, url);
      expect({ url, status: response.status }).toEqual({ url, status });
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    }
    expect((await get(handler, 'app://pipewright/index.html', 'POST')).status).toBe(405);
  });
});
