import { createReadStream, promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticLookup = { ok: true; file: string; size: number } | { ok: false; status: number };

/**
 * Maps a URL path to a file inside `root`, refusing anything that could leave it: encoded or
 * plain `..`, backslashes, NUL bytes, and symbolic links that point outside.
 */
export async function lookupStatic(root: string, pathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\') || !decoded.startsWith('/')) {
    return { ok: false, status: 400 };
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) {
    return { ok: false, status: 403 };
  }
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const realRoot = await fs.realpath(root);
  let file: string;
  try {
    file = await fs.realpath(resolve(realRoot, relative));
  } catch {
    return { ok: false, status: 404 };
  }
  if (!file.startsWith(realRoot + sep)) return { ok: false, status: 403 };
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return { ok: false, status: 404 };
  return { ok: true, file, size: stat.size };
}

/** The Content-Type a renderer file is served with. */
export const contentType = (file: string): string =>
  CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';

export function sendFile(
  res: ServerResponse,
  found: { file: string; size: number },
  headOnly: boolean,
): void {
  const isHtml = extname(found.file) === '.html';
  res.writeHead(200, {
    'Content-Type': contentType(found.file),
    'Content-Length': found.size,
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  });
  if (headOnly) {
    res.end();
    return;
  }
  const stream = createReadStream(found.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export const rendererIndex = (rendererDir: string): string => join(rendererDir, 'index.html');
