import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per server: 256 random bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Cookies are not port-specific: one per port, so two servers on this machine don't collide. */
export const tokenCookieName = (port: number): string => `pipewright_token_${port}`;

export type Verdict =
  { ok: true; tokenFromUrl: boolean } | { ok: false; status: number; reason: string };

export interface Gate {
  port: number;
  token: string;
}

/**
 * Decides whether a request (HTTP or WebSocket upgrade) may reach the app:
 * - Host must name this server on loopback — a foreign name means DNS rebinding;
 * - Origin, when a browser sends one, must be this server — a foreign one is another site;
 * - the token must come in the URL (`?token=`), its cookie, or an `Authorization: Bearer` header.
 */
export function checkRequest(req: IncomingMessage, url: URL, gate: Gate): Verdict {
  const allowedHosts = [`127.0.0.1:${gate.port}`, `localhost:${gate.port}`];
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.includes(host)) {
    return { ok: false, status: 403, reason: `foreign Host header "${host.slice(0, 100)}"` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, reason: `foreign Origin "${origin.slice(0, 100)}"` };
  }
  const fromUrl = url.searchParams.get('token');
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const fromCookie = readCookie(req.headers.cookie, tokenCookieName(gate.port));
  const given = fromUrl ?? bearer ?? fromCookie;
  if (given === undefined || given === null) {
    return {
      ok: false,
      status: 401,
      reason: 'missing token: open the URL printed by `pipewright serve` (it ends with ?token=…)',
    };
  }
  if (!sameSecret(given, gate.token)) {
    return {
      ok: false,
      status: 403,
      reason: 'wrong token: open the URL printed by `pipewright serve`',
    };
  }
  return { ok: true, tokenFromUrl: fromUrl !== null };
}

/** The cookie that lets the page's assets and WebSocket in after the URL carried the token once. */
export const tokenCookie = (gate: Gate): string =>
  `${tokenCookieName(gate.port)}=${gate.token}; Path=/; HttpOnly; SameSite=Strict`;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
