import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serializeDocument } from '../../../shared/document';
import { minimalDocument } from '../../unit/main/services/fixtures';
import { exchange, openSocket } from './helpers';

const repoRoot = resolve(import.meta.dirname, '../../..');
const cli = join(repoRoot, 'bin/pipewright.mjs');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-serve-'));
  dirs.push(dir);
  return dir;
};

describe('pipewright serve', () => {
  it('says how to build the renderer when it is missing', () => {
    const dir = tempDir();
    const result = spawnSync(
      process.execPath,
      [cli, 'serve', '--renderer-dir', join(dir, 'nothing'), '--host-dir', dir],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the renderer is not built .* run npm run build/);
  });

  it('refuses a bad port', () => {
    const result = spawnSync(process.execPath, [cli, 'serve', '--port', 'http'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--port must be an integer from 0 to 65535, got "http"');
  });

  it('prints a tokened URL, serves the app and the file it was given, and stops on SIGTERM', async () => {
    const dir = tempDir();
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>served</title>');
    const file = join(dir, 'given.pipewright.json');
    writeFileSync(file, serializeDocument(minimalDocument('Given')));
    const child = spawn(
      process.execPath,
      [cli, 'serve', '--renderer-dir', rendererDir, '--host-dir', join(dir, 'data'), file],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Pipewright web mode: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(
            out,
          );
          if (match) resolveUrl(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>served</title>');
      expect((await fetch(url.replace(/\?token=.*/, ''))).status).toBe(401);
      const { port } = new URL(url);
      const opened = await openSocket(url.replace(/^http:\/\/([^/]+)\/\?/, 'ws://$1/api/ws?'), {
        origin: `http://127.0.0.1:${port}`,
      });
      if (!('socket' in opened)) throw new Error(`refused with ${opened.refused}`);
      const pending = await exchange(opened.socket, '{"id":1,"channel":"documents:pending"}');
      opened.socket.close();
      expect(pending).toMatchObject({
        id: 1,
        result: { ok: true, value: [{ path: file, document: { name: 'Given' } }] },
      });
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
