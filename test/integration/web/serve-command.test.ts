import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
      [cli, 'serve', '--renderer-dir', join(dir, 'nothing'), '--host-dir', dir, '--data-dir', dir],
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
      [
        cli,
        'serve',
        ...['--renderer-dir', rendererDir, '--data-dir', join(dir, 'data')],
        ...['--host-dir', join(dir, 'host', 'pipelines')],
        file,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      let out = '';
      const url = await new Promise<string>((resolveUrl, reject) => {
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
      // The host folder is made and named at start; the page works there, and with the file it
      // was given (outside it), but nowhere else.
      const hostDir = join(dir, 'host', 'pipelines');
      expect(out).toContain(`Host folder (the page opens, saves and exports here): ${hostDir}`);
      expect(existsSync(hostDir)).toBe(true);
      const again = await openSocket(url.replace(/^http:\/\/([^/]+)\/\?/, 'ws://$1/api/ws?'), {
        origin: `http://127.0.0.1:${port}`,
      });
      if (!('socket' in again)) throw new Error(`refused with ${again.refused}`);
      const save = (id: number, path: string) =>
        exchange(
          again.socket,
          JSON.stringify({
            id,
            channel: 'documents:save',
            payload: { path, document: minimalDocument('Saved') },
          }),
        );
      expect(await save(2, file)).toMatchObject({ result: { ok: true } });
      expect(await save(3, join(hostDir, 'new.pipewright.json'))).toMatchObject({
        result: { ok: true },
      });
      expect(await save(4, join(dir, 'beside.pipewright.json'))).toMatchObject({
        result: { ok: false, error: { code: 'forbidden' } },
      });
      again.socket.close();
      expect(existsSync(join(dir, 'beside.pipewright.json'))).toBe(false);
    } finally {
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
