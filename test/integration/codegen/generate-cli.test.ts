import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';
import type { CliIo } from '../../../main/cli/io';
import { readTree } from '../../helpers/file-tree';

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

async function cli(command: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { cwd: dir, out: (t) => void out.push(t), err: (t) => void err.push(t) };
  const code = await main([command, ...args], io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const generate = (...args: string[]) => cli('generate', ...args);

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
    expect(result.err).toMatch(/node email-sender: worker "email-sender" has no input queue/);
  });

  it('says what is wrong with its arguments or file (exit status 2)', async () => {
    expect((await generate(EXAMPLE)).err).toContain('say --out <dir>');
    expect((await generate('--out', 'x')).code).toBe(2);
    const missing = await generate('missing.pipewright.json', '--out', 'x');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('missing.pipewright.json: (file): no such file');
  });

  it('says the same about handlers in the file list and the summary when regenerating', async () => {
    expect((await generate(EXAMPLE, '--out', 'project')).code).toBe(0);
    const again = await generate(EXAMPLE, '--out', 'project');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^unchanged +src\/handlers\/email-sender\.ts$/m);
    const handlers = (again.out.match(/^unchanged +src\/handlers\//gm) ?? []).length;
    expect(handlers).toBeGreaterThan(0);
    expect(again.out).toContain(
      `Handlers: 0 written new; ${handlers} already there, left as they were (0 edited by you, ${handlers} unchanged).`,
    );
    expect(again.out).not.toMatch(/0 handler\(s\) kept/);
    expect(again.out).not.toContain('Replaced');
  });

  it('names the generated files a re-export replaced, and those no earlier export wrote', async () => {
    expect((await generate(EXAMPLE, '--out', 'project')).code).toBe(0);
    writeFileSync(join(dir, 'project', 'README.md'), 'my notes\n');
    const again = await generate(EXAMPLE, '--out', 'project');
    expect(again.out).toMatch(/^changed +README\.md$/m);
    expect(again.out).toContain('Replaced 1 generated file: README.md.');

    mkdirSync(join(dir, 'theirs'));
    writeFileSync(join(dir, 'theirs', 'package.json'), '{"name":"someone-else"}\n');
    const forced = await generate(EXAMPLE, '--out', 'theirs', '--force', '--json');
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.out)).toMatchObject({
      replaced: ['package.json'],
      foreign: ['package.json'],
    });
    writeFileSync(join(dir, 'theirs', 'package.json'), '{"name":"someone-else"}\n');
    const text = await generate(EXAMPLE, '--out', 'theirs');
    expect(text.out).toContain('Replaced 1 generated file: package.json.');
  });

  it('writes nothing when one target is a symbolic link (exit 2)', async () => {
    expect((await generate(EXAMPLE, '--out', 'project')).code).toBe(0);
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { name: string };
    doc.name = 'Renamed pipeline';
    writeFileSync(join(dir, 'renamed.pipewright.json'), JSON.stringify(doc));
    const outside = join(dir, 'outside.ts');
    writeFileSync(outside, 'not yours\n');
    rmSync(join(dir, 'project', 'src', 'queues.ts'));
    symlinkSync(outside, join(dir, 'project', 'src', 'queues.ts'));
    const before = readTree(join(dir, 'project'));
    const refused = await generate('renamed.pipewright.json', '--out', 'project');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/src\/queues\.ts is a symbolic link.*nothing was written/);
    expect(readTree(join(dir, 'project'))).toEqual(before);
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');
  });

  it('exits 1 for JSON that is not a valid pipeline and 2 for a file that is not JSON', async () => {
    writeFileSync(join(dir, 'schema.pipewright.json'), '{"format":"pipewright/v1","name":3}');
    writeFileSync(join(dir, 'text.pipewright.json'), 'not json at all');
    for (const command of ['validate', 'generate']) {
      const out = command === 'generate' ? ['--out', 'project'] : [];
      const invalid = await cli(command, 'schema.pipewright.json', ...out);
      expect(invalid.code).toBe(1);
      expect(`${invalid.out}${invalid.err}`).toMatch(/schema\.pipewright\.json: name: /);
      const garbage = await cli(command, 'text.pipewright.json', ...out);
      expect(garbage.code).toBe(2);
      expect(`${garbage.out}${garbage.err}`).toContain(
        'text.pipewright.json: (file): invalid JSON',
      );
    }
    const json = await cli('validate', 'schema.pipewright.json', '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      files: [{ file: 'schema.pipewright.json', readable: true, diagnostics: [] }],
    });
    expect(JSON.parse(json.out).files[0].errors.map((e: { path: string }) => e.path)).toEqual([
      'name',
      'nodes',
      'edges',
    ]);
  });
});
