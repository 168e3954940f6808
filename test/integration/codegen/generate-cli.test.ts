import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';

/** `pipewright generate` as a script calls it: exit codes, messages, and what lands on disk. */

const EXAMPLE = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'resources',
  'examples',
  'welcome-emails.pipewright.json',
);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-generate-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function generate(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd: dir, out: (t) => void out.push(t), err: (t) => void err.push(t) };
  const code = await main(['generate', ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pipewright generate', () => {
  it('writes the project and says what it did, then keeps a changed handler', async () => {
    const first = await generate(EXAMPLE, '--out', 'project');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^written +src\/handlers\/email-sender\.ts$/m);
    expect(first.out).toContain('Next: npm install && npm run build && npm start');
    const handler = join(dir, 'project', 'src', 'handlers', 'email-sender.ts');
    writeFileSync(handler, '// mine\n');
    const again = await generate(EXAMPLE, '--out', 'project', '--force');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^kept +src\/handlers\/email-sender\.ts$/m);
    expect(again.out).toMatch(/^unchanged +src\/queues\.ts$/m);
    expect(readFileSync(handler, 'utf8')).toBe('// mine\n');
  });

  it('refuses a folder holding other files without --force, and explains --force in --help', async () => {
    mkdirSync(join(dir, 'busy'));
    writeFileSync(join(dir, 'busy', 'notes.txt'), 'x');
    const refused = await generate(EXAMPLE, '--out', 'busy');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/not empty.*--force/);
    const help = await generate('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--force .*handlers, which are never overwritten, even with --force/s);
  });

  it('reports a pipeline that cannot run with exit status 1, one line per problem', async () => {
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { edges: { to: string }[] };
    doc.edges = doc.edges.filter((e) => e.to !== 'email-sender');
    writeFileSync(join(dir, 'broken.pipewright.json'), JSON.stringify(doc));
    const result = await generate('broken.pipewright.json', '--out', 'project');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/node email-sender: worker "email-sender" consumes no queue/);
  });

  it('says what is wrong with its arguments or file (exit status 2)', async () => {
    expect((await generate(EXAMPLE)).err).toContain('say --out <dir>');
    expect((await generate('--out', 'x')).code).toBe(2);
    const missing = await generate('missing.pipewright.json', '--out', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing.pipewright.json: (file): no such file');
  });
});
