import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../helpers/redis-server';

const root = resolve(import.meta.dirname, '../../..');
const electronInstalled = existsSync(join(root, 'node_modules/electron/path.txt'));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-start-'));
  dirs.push(dir);
  return dir;
};

/** This process's environment with Electron's variables set only as given. */
function startEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(ELECTRON_|electron_config)/i.test(key)),
  );
  return { ...clean, ...env };
}

/** `npm start` as a user runs it, with Electron's variables set only as given. */
function npmStart(env: Record<string, string>) {
  return spawnSync('npm', ['start'], {
    cwd: root,
    env: startEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('npm start', () => {
  it.skipIf(electronInstalled)(
    'stops with what failed, why and what to do when Electron cannot be downloaded',
    async () => {
      const closedPort = await freePort();
      const result = npmStart({
        ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`,
        electron_config_cache: tempDir(),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('could not download Electron 45');
      expect(result.stderr).toContain(`ECONNREFUSED 127.0.0.1:${closedPort}`);
      expect(result.stderr).toContain('ELECTRON_MIRROR');
      expect(result.stderr).toContain('npm run serve');
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stderr).not.toContain('Electron uninstall');
    },
  );

  it.skipIf(electronInstalled)(
    'gives up on a mirror that accepts the connection and sends nothing, after the no-progress limit',
    async () => {
      const sockets: Socket[] = [];
      const silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((listening) => silent.listen(0, '127.0.0.1', listening));
      const { port } = silent.address() as { port: number };
      try {
        const started = Date.now();
        // Async, so this process's silent server keeps accepting while npm start waits on it.
        const result = await new Promise<{ status: number | null; stderr: string }>((done) => {
          const child = spawn('npm', ['start'], {
            cwd: root,
            env: startEnv({
              ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
              electron_config_cache: tempDir(),
              PIPEWRIGHT_ELECTRON_STALL_SECONDS: '2',
            }),
            stdio: ['ignore', 'ignore', 'pipe'],
          });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
          child.on('exit', (status) => {
            clearTimeout(timer);
            done({ status, stderr });
          });
        });
        expect(result.status, result.stderr).toBe(1);
        // 2 s of silence plus npm's and Node's start-up; without the watchdog it waits minutes.
        expect(Date.now() - started).toBeLessThan(20_000);
        expect(sockets.length).toBeGreaterThan(0);
        expect(result.stderr).toContain('could not download Electron 45');
        expect(result.stderr).toContain(
          `127.0.0.1:${port} accepted the connection but sent nothing for 2 s`,
        );
        expect(result.stderr).toContain('ELECTRON_MIRROR');
        expect(result.stderr).toContain('npm run serve');
        expect(result.stderr).not.toMatch(/^\s+at /m);
      } finally {
        for (const socket of sockets) socket.destroy();
        silent.close();
      }
    },
  );

  it.skipIf(electronInstalled)(
    'names the platform-arch asked for when Electron has no build for it',
    () => {
      const result = npmStart({
        npm_config_platform: 'linux',
        npm_config_arch: 'ia32',
        electron_config_cache: tempDir(),
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'Electron 45.5.0 has no build for linux-ia32 (asked for by npm_config_platform=linux and npm_config_arch=ia32)',
      );
      expect(result.stderr).toContain('linux-x64');
      expect(result.stderr).toContain('Unset npm_config_arch');
      expect(result.stderr).toContain('npm run serve');
      expect(result.stderr).not.toContain('Downloading');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
  );

  it('hands over to electron-vite with the Electron that ELECTRON_OVERRIDE_DIST_PATH holds', () => {
    const dist = tempDir();
    const marker = join(dist, 'launched');
    const stub = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(stub, `#!/bin/sh\necho "$PWD $@" > "${marker}"\n`);
    chmodSync(stub, 0o755);
    const result = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(result.stderr).not.toContain('pipewright:');
    expect(result.status).toBe(0);
    // electron-vite built the app once and started "Electron" on it from the project's root.
    expect(readFileSync(marker, 'utf8').trim()).toBe(`${root} .`);
    expect(result.stdout.match(/built in/g)?.length).toBe(3);
    expect(existsSync(join(root, 'out/main/index.js'))).toBe(true);
  });

  it('names a variable that points nowhere', () => {
    const missing = join(tempDir(), 'no-such-folder');
    const result = npmStart({ ELECTRON_OVERRIDE_DIST_PATH: missing });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH points to ${missing}`);
    expect(result.stderr).toContain('npm run serve');
  });
});
