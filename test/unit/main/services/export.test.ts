import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTree } from '../../../helpers/file-tree';
import { MANIFEST_PATH, generateProject, type GeneratedFile } from '../../../../shared/codegen';
import { parseDocumentText } from '../../../../shared/document';
import {
  ExportError,
  exportProject,
  inspectFolder,
  zipProject,
} from '../../../../main/services/export';

const example = join(__dirname, '..', '..', '..', '..', 'resources', 'examples');

async function project(name = 'welcome-emails'): Promise<GeneratedFile[]> {
  const parsed = parseDocumentText(readFileSync(join(example, `${name}.pipewright.json`), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return generateProject(parsed.document);
}

const statuses = (report: { files: { path: string; status: string }[] }) =>
  Object.fromEntries(report.files.map((f) => [f.path, f.status]));

let sandbox: string;
beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'pipewright-export-'));
});
afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

describe('exportProject', () => {
  it('writes every file, then reports them unchanged', async () => {
    const files = await project();
    const out = join(sandbox, 'new', 'folder');
    const first = await exportProject(out, files);
    expect(new Set(first.files.map((f) => f.status))).toEqual(new Set(['written']));
    for (const file of files) {
      expect(readFileSync(join(out, file.path), 'utf8')).toBe(file.contents);
    }
    const again = await exportProject(out, files);
    expect(new Set(again.files.map((f) => f.status))).toEqual(new Set(['unchanged']));
    expect(again.stale).toEqual([]);
  });

  it('never overwrites a handler, even forced; regenerates everything else', async () => {
    const files = await project();
    const out = join(sandbox, 'out');
    await exportProject(out, files);
    const handler = files.find((f) => f.kind === 'handler')!;
    const mine = '// my business logic\n';
    writeFileSync(join(out, handler.path), mine);
    writeFileSync(join(out, 'src/queues.ts'), '// edited by hand\n');
    const report = await exportProject(out, files, { force: true });
    expect(statuses(report)[handler.path]).toBe('kept');
    expect(statuses(report)['src/queues.ts']).toBe('changed');
    expect(readFileSync(join(out, handler.path), 'utf8')).toBe(mine);
    expect(readFileSync(join(out, 'src/queues.ts'), 'utf8')).toBe(
      files.find((f) => f.path === 'src/queues.ts')!.contents,
    );
  });

  it('writes a deleted handler again, and lists files the pipeline no longer has', async () => {
    const out = join(sandbox, 'out');
    await exportProject(out, await project('welcome-emails'));
    const files = await project('api-sync');
    const report = await exportProject(out, files);
    expect(report.stale).toEqual(
      expect.arrayContaining(['src/handlers/email-sender.ts', 'src/workers/dlq-alerts.ts']),
    );
    expect(existsSync(join(out, 'src/workers/dlq-alerts.ts'))).toBe(true);
    expect(statuses(report)['src/handlers/crm-syncer.ts']).toBe('written');
  });

  it('refuses a folder holding other files, unless forced', async () => {
    const out = join(sandbox, 'busy');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const files = await project();
    await expect(exportProject(out, files)).rejects.toThrow(/not empty.*--force/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    const report = await exportProject(out, files, { force: true });
    expect(report.files.length).toBe(files.length);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await inspectFolder(out)).manifest?.files).toContain(MANIFEST_PATH);
  });

  it('refuses paths that leave the folder, before writing anything', async () => {
    const out = join(sandbox, 'out');
    for (const path of [
      '../escape.ts',
      '/etc/passwd',
      'src/../../x',
      'a//b',
      'C:\\x',
      'src\\x',
      '',
    ]) {
      const files: GeneratedFile[] = [
        { path: 'fine.txt', contents: 'x', kind: 'generated', nodeIds: [] },
        { path, contents: 'x', kind: 'generated', nodeIds: [] },
      ];
      await expect(exportProject(out, files)).rejects.toBeInstanceOf(ExportError);
    }
    expect(readdirSync(sandbox)).toEqual([]);
  });

  it('does not follow a symbolic link out of the folder', async () => {
    const out = join(sandbox, 'out');
    const outside = join(sandbox, 'outside');
    mkdirSync(out);
    mkdirSync(outside);
    writeFileSync(
      join(out, MANIFEST_PATH),
      JSON.stringify({ generator: 'pipewright', format: 'pipewright-codegen/v1', files: [] }),
    );
    symlinkSync(outside, join(out, 'src'));
    await expect(exportProject(out, await project())).rejects.toThrow(
      /symbolic link out of the folder/,
    );
    expect(readdirSync(outside)).toEqual([]);
  });

  it('replaces no symbolic link file, and leaves no temporary files', async () => {
    const out = join(sandbox, 'out');
    const files = await project();
    await exportProject(out, files);
    const target = join(sandbox, 'target.txt');
    writeFileSync(target, 'keep me');
    await rm(join(out, 'README.md'));
    symlinkSync(target, join(out, 'README.md'));
    await expect(exportProject(out, files)).rejects.toThrow(/symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    const all = readdirSync(out, { recursive: true }).map(String);
    expect(all.filter((p) => p.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when a later target is refused: every target is checked first', async () => {
    const out = join(sandbox, 'out');
    const first = await project();
    await exportProject(out, first);
    const before = readTree(out);
    // A changed pipeline rewrites README.md, package.json, src/main.ts… before src/queues.ts.
    const changed = first.map((f) => ({ ...f, contents: `${f.contents}\n// changed\n` }));
    const target = join(sandbox, 'elsewhere.ts');
    writeFileSync(target, 'not yours');
    await rm(join(out, 'src', 'queues.ts'));
    symlinkSync(target, join(out, 'src', 'queues.ts'));
    await expect(exportProject(out, changed)).rejects.toThrow(
      /src\/queues\.ts is a symbolic link.*nothing was written/,
    );
    const after = readTree(out);
    delete before['src/queues.ts'];
    delete after['src/queues.ts'];
    expect(after).toEqual(before);
    expect(readFileSync(target, 'utf8')).toBe('not yours');
  });
});

describe('zipProject', () => {
  it('holds every file under one folder, the same bytes every time', async () => {
    const files = await project();
    const zip = zipProject(files, 'welcome-emails');
    expect(zipProject(files, 'welcome-emails')).toEqual(zip);
    const entries = unzipSync(zip);
    expect(Object.keys(entries).sort()).toEqual(
      files.map((f) => `welcome-emails/${f.path}`).sort(),
    );
    for (const file of files)
      expect(strFromU8(entries[`welcome-emails/${file.path}`]!)).toBe(file.contents);
  });

  it('refuses unsafe paths', () => {
    const bad: GeneratedFile = { path: '../x', contents: '', kind: 'generated', nodeIds: [] };
    expect(() => zipProject([bad])).toThrow(ExportError);
    expect(() => zipProject([], '../up')).toThrow(ExportError);
  });
});
