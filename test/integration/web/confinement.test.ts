import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { minimalDocument } from '../../unit/main/services/fixtures';
import { SECRET, exchange, openSocket, startTestServer, type TestServer } from './helpers';

/**
 * The web-mode API treats the page as hostile: every path it sends must stay inside the host
 * folder (`--host-dir`) or the data folder, whatever `..`, `~`, absolute paths or symbolic links
 * it uses, and no error may echo a file's contents. `t.root` holds the host folder, the data
 * folder and a secret file outside both.
 */

let t: TestServer;
let socket: WebSocket;
let nextId = 1;

beforeAll(async () => {
  t = await startTestServer();
  const opened = await openSocket(
    `ws://127.0.0.1:${t.server.port}/api/ws?token=${t.server.token}`,
    { origin: t.origin },
  );
  if (!('socket' in opened)) throw new Error(`refused: ${opened.refused}`);
  socket = opened.socket;
});
afterAll(async () => {
  socket.close();
  await t.stop();
});

type Answer =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

async function call(channel: string, payload: unknown): Promise<Answer> {
  const id = nextId++;
  const answer = (await exchange(socket, JSON.stringify({ id, channel, payload }))) as {
    id: number;
    result: Answer;
  };
  expect(answer.id).toBe(id);
  return answer.result;
}

/** Refused with `code`, saying why, and echoing nothing of `secret`. */
function expectRefused(answer: Answer, code: string, secret = SECRET) {
  expect(answer.ok).toBe(false);
  if (answer.ok) return;
  expect(answer.error.code).toBe(code);
  expect(answer.error.message).not.toContain(secret);
  expect(answer.error.message).not.toContain('root:x');
}

const WEB_MODE_REFUSAL =
  /in web mode Pipewright only works inside .*host.* and, for \*\.pipewright\.json pipelines, .*user-data/;

describe('web mode: documents:open reads only inside the host and data folders', () => {
  it.each([
    ['an absolute system file', () => '/etc/passwd'],
    ['a file beside the host folder', () => join(t.root, 'secret.txt')],
    ['.. out of the host folder', () => join(t.hostDir, '..', 'secret.txt')],
    ['.. hidden in the middle', () => `${t.hostDir}/sub/../../secret.txt`],
    ['~ (the home folder)', () => '~/.bashrc'],
  ])('refuses %s, without a word of its contents', async (_name, path) => {
    const answer = await call('documents:open', { path: path() });
    expectRefused(answer, 'forbidden');
    if (!answer.ok) expect(answer.error.message).toMatch(WEB_MODE_REFUSAL);
  });

  it('refuses a symbolic link in the host folder that leads out of it', async () => {
    symlinkSync(join(t.root, 'secret.txt'), join(t.hostDir, 'link.pipewright.json'));
    symlinkSync(t.root, join(t.hostDir, 'way-out'));
    expectRefused(
      await call('documents:open', { path: join(t.hostDir, 'link.pipewright.json') }),
      'forbidden',
    );
    expectRefused(
      await call('documents:open', { path: join(t.hostDir, 'way-out', 'secret.txt') }),
      'forbidden',
    );
  });

  it('opens a non-pipeline file inside the host folder without echoing it', async () => {
    const path = join(t.hostDir, 'passwd.pipewright.json');
    writeFileSync(path, `root:x:0:0:root:/root:/bin/bash\n${SECRET}\n`);
    const answer = await call('documents:open', { path });
    expectRefused(answer, 'invalid-document');
    if (!answer.ok) expect(answer.error.message).toMatch(/invalid JSON/);
  });

  it('opens a pipeline inside the host folder and the data folder', async () => {
    for (const dir of [t.hostDir, join(t.root, 'user-data')]) {
      mkdirSync(dir, { recursive: true });
      const path = join(dir, 'fine.pipewright.json');
      writeFileSync(path, JSON.stringify(minimalDocument('Fine')));
      expect(await call('documents:open', { path })).toMatchObject({
        ok: true,
        value: { path, document: { name: 'Fine' } },
      });
    }
  });
});

describe('web mode: documents:save and saveAs write only inside the allowed folders', () => {
  it.each([
    ['beside the host folder', () => join(t.root, 'evil.pipewright.json')],
    ['through ..', () => join(t.hostDir, '..', 'evil.pipewright.json')],
    ['in /tmp', () => join('/tmp', `pipewright-evil-${process.pid}.pipewright.json`)],
    ['in the home folder', () => `~/pipewright-evil-${process.pid}.pipewright.json`],
  ])('refuses to save %s and writes nothing', async (_name, path) => {
    for (const channel of ['documents:save', 'documents:saveAs']) {
      const answer = await call(channel, { path: path(), document: minimalDocument() });
      expectRefused(answer, 'forbidden');
    }
    expect(existsSync(join(t.root, 'evil.pipewright.json'))).toBe(false);
    expect(existsSync(join('/tmp', `pipewright-evil-${process.pid}.pipewright.json`))).toBe(false);
    expect(existsSync(join(homedir(), `pipewright-evil-${process.pid}.pipewright.json`))).toBe(
      false,
    );
  });

  it('refuses to save through a symbolic link to a folder outside, or a dangling one', async () => {
    const outside = join(t.root, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(t.hostDir, 'to-outside'));
    symlinkSync(join(outside, 'made.pipewright.json'), join(t.hostDir, 'dangling.pipewright.json'));
    for (const path of [
      join(t.hostDir, 'to-outside', 'x.pipewright.json'),
      join(t.hostDir, 'dangling.pipewright.json'),
    ]) {
      expectRefused(
        await call('documents:save', { path, document: minimalDocument() }),
        'forbidden',
      );
    }
    expect(readdirSync(outside)).toEqual([]);
  });
});

describe('web mode: codegen:export writes only inside the host folder, and asks first', () => {
  it('refuses a foreign folder outside, even with force, and leaves its package.json', async () => {
    const foreign = join(t.root, 'someone-elses-project');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'package.json'), '{"name":"theirs"}\n');
    for (const folder of [foreign, join(t.hostDir, '..', 'someone-elses-project')]) {
      const answer = await call('codegen:export', {
        document: minimalDocument(),
        folder,
        force: true,
      });
      expectRefused(answer, 'forbidden');
    }
    expect(readdirSync(foreign)).toEqual(['package.json']);
    expect(readFileSync(join(foreign, 'package.json'), 'utf8')).toBe('{"name":"theirs"}\n');
  });

  it('asks before writing into a non-empty folder inside, and writes only when told to', async () => {
    const busy = join(t.hostDir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'package.json'), '{"name":"mine"}\n');
    const asked = await call('codegen:export', { document: minimalDocument(), folder: busy });
    expectRefused(asked, 'already-exists');
    expect(readdirSync(busy)).toEqual(['package.json']);
    const confirmed = await call('codegen:export', {
      document: minimalDocument(),
      folder: busy,
      force: true,
    });
    expect(confirmed).toMatchObject({ ok: true, value: { folder: busy } });
    expect(readdirSync(busy)).toContain('src');
  });

  it('refuses an export folder that is a symbolic link out of the host folder', async () => {
    const target = join(t.root, 'link-target');
    mkdirSync(target);
    symlinkSync(target, join(t.hostDir, 'export-link'));
    const answer = await call('codegen:export', {
      document: minimalDocument(),
      folder: join(t.hostDir, 'export-link'),
    });
    expectRefused(answer, 'forbidden');
    expect(readdirSync(target)).toEqual([]);
  });
});

describe('web mode: run:report writes only a report file inside the host folder', () => {
  it('refuses a .bashrc-like file, inside or out, and leaves it as it was', async () => {
    const rc = join(t.root, '.bashrc');
    writeFileSync(rc, 'export PATH=$PATH\n');
    const insideRc = join(t.hostDir, '.bashrc');
    writeFileSync(insideRc, 'alias ll=ls\n');
    for (const path of [rc, insideRc, '~/.bashrc']) {
      for (const format of ['html', 'json']) {
        expectRefused(await call('run:report', { format, path }), 'invalid-request');
      }
    }
    expect(readFileSync(rc, 'utf8')).toBe('export PATH=$PATH\n');
    expect(readFileSync(insideRc, 'utf8')).toBe('alias ll=ls\n');
  });

  it('refuses a report path outside the host folder before looking for a run', async () => {
    const answer = await call('run:report', { format: 'html', path: join(t.root, 'r.html') });
    expectRefused(answer, 'forbidden');
    expect(existsSync(join(t.root, 'r.html'))).toBe(false);
    // Inside, the path is accepted; what is missing then is a finished run.
    expect(
      await call('run:report', { format: 'html', path: join(t.hostDir, 'r.html') }),
    ).toMatchObject({ ok: false, error: { code: 'not-found', message: /no run to report/ } });
  });
});
