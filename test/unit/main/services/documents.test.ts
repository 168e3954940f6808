import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../../shared/api/contract';
import { serializeDocument } from '../../../../shared/document';
import { createHostServices } from '../../../../main/services/host-services';
import { minimalDocument, useTempDirs, writeExamples } from './fixtures';

const tempDir = useTempDirs();
const repoRoot = resolve(import.meta.dirname, '../../../..');

function setup() {
  const userDataDir = tempDir();
  const examplesDir = tempDir();
  writeExamples(examplesDir);
  const warnings: string[] = [];
  const dir = tempDir();
  const services = createHostServices({
    userDataDir,
    hostDir: dir,
    examplesDir,
    warn: (m) => warnings.push(m),
  });
  return { services, userDataDir, examplesDir, warnings, dir };
}

const ok = <T>(result: ApiResult<T>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
};

describe('documents', () => {
  it('lists valid examples and warns about broken ones', async () => {
    const { services, warnings } = setup();
    const examples = ok(await services.dispatch('examples:list', {})) as Array<{ id: string }>;
    expect(examples.map((e) => e.id)).toEqual(['welcome-emails']);
    expect(examples[0]).toMatchObject({ name: 'Welcome emails', description: 'Retries and a DLQ' });
    expect(warnings.join('\n')).toMatch(/broken\.pipewright\.json was skipped: .*truncated/);
  });

  it('creates a new document from an example or empty, and names the examples on a typo', async () => {
    const { services } = setup();
    const fromExample = ok(
      await services.dispatch('documents:new', { exampleId: 'welcome-emails' }),
    );
    expect(fromExample).toMatchObject({ path: null, document: { name: 'Welcome emails' } });
    const empty = ok(await services.dispatch('documents:new', {}));
    expect(empty).toMatchObject({ path: null, document: { nodes: [], edges: [] } });
    const typo = await services.dispatch('documents:new', { exampleId: 'welcome' });
    expect(typo).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('welcome-emails') },
    });
  });

  it('saves canonical bytes, opens them back, and remembers both as one recent file', async () => {
    const { services, dir } = setup();
    const path = join(dir, 'emails.pipewright.json');
    const saved = ok(
      await services.dispatch('documents:save', { path, document: minimalDocument() }),
    );
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(serializeDocument(minimalDocument()));
    expect(saved).toEqual({ path, bytes: Buffer.byteLength(text) });
    const opened = ok(await services.dispatch('documents:open', { path }));
    expect(opened).toEqual({ path, document: minimalDocument() });
    const recent = ok(await services.dispatch('documents:recent', {})) as Array<{ path: string }>;
    expect(recent.map((r) => r.path)).toEqual([path]);
  });

  it('refuses to save an invalid document and leaves the old file whole', async () => {
    const { services, dir } = setup();
    const path = join(dir, 'emails.pipewright.json');
    ok(await services.dispatch('documents:save', { path, document: minimalDocument() }));
    const before = readFileSync(path, 'utf8');
    const bad = minimalDocument();
    (bad.nodes[2]!.config as { concurrency: number }).concurrency = 0;
    const result = await services.dispatch('documents:save', { path, document: bad });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-document',
        message: expect.stringContaining('nodes[2].config.concurrency: must be an integer'),
        errors: [{ path: 'nodes[2].config.concurrency' }],
      },
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('refuses relative paths and names without .pipewright.json', async () => {
    const { services, dir } = setup();
    const relative = await services.dispatch('documents:save', {
      path: 'emails.pipewright.json',
      document: minimalDocument(),
    });
    expect(relative).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringMatching(/not an absolute path/) },
    });
    const wrongName = await services.dispatch('documents:save', {
      path: join(dir, 'emails.txt'),
      document: minimalDocument(),
    });
    expect(wrongName).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/must end with \.pipewright\.json/) },
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('Save As refuses to replace an existing file unless told to', async () => {
    const { services, dir } = setup();
    const path = join(dir, 'emails.pipewright.json');
    ok(await services.dispatch('documents:saveAs', { path, document: minimalDocument('One') }));
    const again = await services.dispatch('documents:saveAs', {
      path,
      document: minimalDocument('Two'),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already-exists' } });
    expect(readFileSync(path, 'utf8')).toContain('"One"');
    ok(
      await services.dispatch('documents:saveAs', {
        path,
        document: minimalDocument('Two'),
        overwrite: true,
      }),
    );
    expect(readFileSync(path, 'utf8')).toContain('"Two"');
  });

  it('explains a missing file, a missing folder and a file that is not a pipeline', async () => {
    const { services, dir } = setup();
    const missing = await services.dispatch('documents:open', {
      path: join(dir, 'nope.pipewright.json'),
    });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'not-found',
        message: expect.stringMatching(/nope\.pipewright\.json: no such file/),
      },
    });
    const noFolder = await services.dispatch('documents:save', {
      path: join(dir, 'sub', 'a.pipewright.json'),
      document: minimalDocument(),
    });
    expect(noFolder).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringMatching(/folder .*sub does not exist/) },
    });
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, Buffer.from([0, 159, 146, 150, 1, 2]));
    const binary = await services.dispatch('documents:open', { path: garbage });
    expect(binary).toMatchObject({
      ok: false,
      error: { code: 'invalid-document', message: expect.stringMatching(/binary data/) },
    });
  });

  it('in a read-only folder, fails with a clear error and leaves the old file whole', () => {
    const { userDataDir, dir } = setup();
    const path = join(dir, 'emails.pipewright.json');
    const old = serializeDocument(minimalDocument('Old'));
    writeFileSync(path, old);
    chmodSync(path, 0o644);
    chmodSync(dir, 0o555);
    chmodSync(userDataDir, 0o777);
    // root ignores permissions: run the save as an unprivileged user then.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'save-as-child.ts'),
        userDataDir,
        dir,
        path,
        JSON.stringify(minimalDocument('New')),
      ],
      { cwd: repoRoot, encoding: 'utf8', ...asUser },
    );
    chmodSync(dir, 0o755);
    expect(child.stderr).toBe('');
    const result = JSON.parse(child.stdout) as ApiResult<unknown>;
    expect(result).toEqual({
      ok: false,
      error: { code: 'io', message: `could not save ${path}: permission denied` },
    });
    expect(readFileSync(path, 'utf8')).toBe(old);
    expect(readdirSync(dir)).toEqual(['emails.pipewright.json']);
  });

  it('opens a file the host was given: queued until the renderer asks, then as events', async () => {
    const { services, dir } = setup();
    const first = join(dir, 'first.pipewright.json');
    const second = join(dir, 'second.pipewright.json');
    writeFileSync(first, serializeDocument(minimalDocument('First')));
    writeFileSync(second, serializeDocument(minimalDocument('Second')));
    const events: unknown[] = [];
    services.onEvent((event, payload) => events.push({ event, payload }));
    await services.openFromHost(first);
    expect(events).toEqual([]);
    const pending = ok(await services.dispatch('documents:pending', {}));
    expect(pending).toEqual([{ path: first, document: minimalDocument('First') }]);
    await services.openFromHost(second);
    expect(events).toEqual([
      { event: 'document:opened', payload: { path: second, document: minimalDocument('Second') } },
    ]);
    expect(ok(await services.dispatch('documents:pending', {}))).toEqual([]);
    expect(existsSync(join(dir, 'first.pipewright.json'))).toBe(true);
  });
});
