import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ProducerSummary, RunSummary } from '../../../shared/metrics';

/**
 * The `pipewright` bin as a user runs it: from the bundle in a built install that has neither the
 * TypeScript sources nor tsx, from the sources in an unbuilt checkout, and with a clear message
 * when it has neither.
 */
const root = resolve(import.meta.dirname, '../../..');
const redisUrl = inject('redisUrl');
const example = join(root, 'resources/examples/welcome-emails.pipewright.json');
let install: string;
let work: string;

/** An install as `npm ci --omit=dev && npm run build` leaves it, minus tsx and the sources. */
function builtInstall(into: string): void {
  for (const part of ['bin', 'out', 'resources', 'package.json']) {
    cpSync(join(root, part), join(into, part), { recursive: true });
  }
  mkdirSync(join(into, 'node_modules'));
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === 'tsx' || name === '.bin') continue;
    symlinkSync(join(root, 'node_modules', name), join(into, 'node_modules', name));
  }
}

function cli(bin: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

beforeAll(() => {
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(build.status, build.stderr).toBe(0);
  install = mkdtempSync(join(tmpdir(), 'pipewright-install-'));
  work = mkdtempSync(join(tmpdir(), 'pipewright-cli-work-'));
  builtInstall(install);
}, 120_000);
afterAll(() => {
  rmSync(install, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the built CLI, without sources or tsx', () => {
  const bin = () => join(install, 'bin/pipewright.mjs');

  it('has no sources and no tsx to fall back on', () => {
    expect(existsSync(join(install, 'main'))).toBe(false);
    expect(existsSync(join(install, 'node_modules/tsx'))).toBe(false);
  });

  it('validates', () => {
    const result = cli(bin(), ['validate', example]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${example}: ok\n`);
    expect(result.status).toBe(0);
  });

  it('generates a project', () => {
    const result = cli(bin(), ['generate', example, '--out', 'project', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { files: { path: string; status: string }[] };
    expect(report.files).toContainEqual({
      path: 'src/handlers/email-sender.ts',
      kind: 'handler',
      status: 'written',
    });
    expect(existsSync(join(work, 'project/src/main.ts'))).toBe(true);
  });

  it('simulates', () => {
    const result = cli(bin(), ['simulate', example, '--jobs', '2000', '--seed', '7', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary).toMatchObject({ format: 'pipewright-summary/v1', mode: 'simulate', seed: 7 });
    expect(summary.nodes.signup).toMatchObject({ kind: 'producer', created: 2000 });
  });

  it('runs on real BullMQ, with the bundled runner', () => {
    const result = cli(bin(), ['run', example, '--redis', redisUrl, '--duration', '2s', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as RunSummary;
    expect(summary).toMatchObject({ format: 'pipewright-summary/v1', mode: 'run' });
    expect((summary.nodes.signup as ProducerSummary).created).toBeGreaterThan(10);
  });

  it('serves web mode', async () => {
    const child = spawn(process.execPath, [bin(), 'serve', '--host-dir', join(work, 'data')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((found, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
          if (match) found(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('an unbuilt checkout', () => {
  it('runs the sources through tsx', () => {
    const result = cli(join(root, 'bin/pipewright.mjs'), ['validate', example], {
      PIPEWRIGHT_CLI: 'sources',
    });
    expect(result.stdout).toBe(`${example}: ok\n`);
    expect(result.status).toBe(0);
  });

  it('says how to build when it has neither the bundle nor tsx', () => {
    const bare = mkdtempSync(join(tmpdir(), 'pipewright-bare-'));
    try {
      cpSync(join(root, 'bin'), join(bare, 'bin'), { recursive: true });
      cpSync(join(root, 'package.json'), join(bare, 'package.json'));
      const result = cli(join(bare, 'bin/pipewright.mjs'), ['validate', example]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('the CLI is not built');
      expect(result.stderr).toContain('npm install && npm run build');
      expect(readFileSync(join(bare, 'package.json'), 'utf8')).toContain('"name": "pipewright"');
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
