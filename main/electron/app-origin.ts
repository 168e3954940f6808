import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy, SECURITY_HEADERS } from '../services/security-policy';
import { contentType, lookupStatic } from '../services/static-files';

/**
 * The built renderer is served from `app://pipewright/`, a privileged custom protocol, rather
 * than `file://`: header CSP does not apply to `file://` pages, and every response of this
 * handler carries the same strict CSP and security headers web mode sends. The page gets a real
 * origin of its own, and no `file://` URL can pass for the app.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'pipewright';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for `app://pipewright/…`. (Compared by parts: Node's URL calls the origin of a scheme it
 * does not know "null", where Chromium, told the scheme is standard, says `app://pipewright`.)
 */
export function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
}

/** Headers of every `app://` response. */
export function appHeaders(type: string): Record<string, string> {
  return {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy(),
    'Cache-Control': 'no-cache',
    ...SECURITY_HEADERS,
  };
}

/** The handler: files inside `rendererDir` only (the same checks as web mode's static files). */
export function appProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const refuse = (status: number, reason: string) =>
    new Response(`Pipewright refused this request: ${reason}\n`, {
      status,
      headers: appHeaders('text/plain; charset=utf-8'),
    });
  return async (request) => {
    const url = new URL(request.url);
    if (!isAppOrigin(url)) return refuse(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refuse(405, `method ${request.method} is not allowed`);
    }
    const found = await lookupStatic(rendererDir, url.pathname);
    if (!found.ok) return refuse(found.status, found.status === 404 ? 'not found' : 'bad path');
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, { status: 200, headers: appHeaders(contentType(found.file)) });
  };
}
