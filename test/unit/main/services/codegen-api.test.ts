import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { createElectronDialogs } from '../../../../main/electron/dialogs';
import { createHostServices } from '../../../../main/services/host-services';
import { dialog } from '../electron/fake-electron';
import { minimalDocument, useTempDirs } from './fixtures';

vi.mock('electron', () => import('../electron/fake-electron'));

const tempDir = useTempDirs();

function services(dialogs?: { pickFolder?: () => Promise<string | null> }) {
  const dir = tempDir();
  return createHostServices({
    userDataDir: dir,
    // These tests are about what export writes; confinement has its own tests.
    hostDir: tmpdir(),
    examplesDir: dir,
    warn: () => {},
    ...(dialogs
      ? {
          host: 'electron',
          dialogs: { pickOpen: async () => null, pickSave: async () => null, ...dialogs },
        }
      : {}),
  });
}

/** Every file under `dir`, relative, `/`-separated, sorted. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(relative(dir, full).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

async function exportTo(
  s: ReturnType<typeof services>,
  folder: string,
  document: unknown,
  force?: boolean,
) {
  return s.dispatch('codegen:export', { document, folder, ...(force ? { force } : {}) });
}

const statuses = (value: unknown) =>
  Object.fromEntries(
    (value as { files: { path: string; status: string }[] }).files.map((f) => [f.path, f.status]),
  );

describe('codegen:export', () => {
  it('writes the project into a new folder and reports every file as written', async () => {
    const s = services();
    const out = join(tempDir(), 'project');
    const result = await exportTo(s, out, minimalDocument());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value as { folder: string; files: { path: string; kind: string }[] };
    expect(report.folder).toBe(out);
    expect(new Set(Object.values(statuses(report)))).toEqual(new Set(['written']));
    expect(listFiles(out)).toEqual(report.files.map((f) => f.path).sort());
    expect(report.files).toContainEqual({
      path: 'src/handlers/sender.ts',
      kind: 'handler',
      status: 'written',
    });
    expect(readFileSync(join(out, 'src/workers/sender.ts'), 'utf8')).toContain('concurrency: 2');
  });

  it('keeps an edited handler, regenerates the rest and reports what changed', async () => {
    const s = services();
    const out = join(tempDir(), 'project');
    await exportTo(s, out, minimalDocument());
    const handler = join(out, 'src/handlers/sender.ts');
    const mine = `${readFileSync(handler, 'utf8')}\n// my business logic\n`;
    writeFileSync(handler, mine);

    const doc = minimalDocument();
    const worker = doc.nodes.find((n) => n.id === 'w');
    if (worker?.kind !== 'worker') throw new Error('fixture changed');
    worker.config.concurrency = 7;
    const result = await exportTo(s, out, doc);
    expect(result.ok).toBe(true);
    const report = statuses(result.ok ? result.value : null);
    expect(report['src/handlers/sender.ts']).toBe('kept');
    expect(report['src/workers/sender.ts']).toBe('changed');
    expect(report['src/queues.ts']).toBe('unchanged');
    expect(readFileSync(handler, 'utf8')).toBe(mine);
    expect(readFileSync(join(out, 'src/workers/sender.ts'), 'utf8')).toContain('concurrency: 7');
  });

  it('expands ~/ to the home folder and refuses a relative folder or a NUL character', async () => {
    const s = services();
    for (const folder of ['project', '../project', './x', `/tmp/a\u0000b`]) {
      const result = await exportTo(s, folder, minimalDocument());
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid-request', message: expect.stringContaining('full path') },
      });
    }
    expect(await s.dispatch('codegen:export', { document: minimalDocument() })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request', message: expect.stringContaining('folder: must be') },
    });
  });

  it('re-validates the document and says why it is refused', async () => {
    const s = services();
    const out = join(tempDir(), 'project');
    const result = await exportTo(s, out, { ...minimalDocument(), nodes: 'none' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-document' } });
    expect(!result.ok && result.error.errors?.[0]?.path).toBe('nodes');
    expect(existsSync(out)).toBe(false);
  });

  it('names the node when the pipeline cannot become code', async () => {
    const s = services();
    const out = join(tempDir(), 'project');
    const doc: PipelineDocument = { ...minimalDocument(), edges: [] };
    const result = await exportTo(s, out, doc);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-document',
        message: expect.stringContaining('the pipeline cannot become code yet'),
      },
    });
    expect(!result.ok && result.error.errors?.some((e) => e.path === 'node w')).toBe(true);
    expect(existsSync(out)).toBe(false);
  });

  it('asks before writing into a folder of other files, and never replaces a handler', async () => {
    const s = services();
    const out = tempDir();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    mkdirSync(join(out, 'src/handlers'), { recursive: true });
    writeFileSync(join(out, 'src/handlers/sender.ts'), 'export const mine = 1;\n');

    const refused = await exportTo(s, out, minimalDocument());
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'already-exists', message: expect.stringContaining('handlers are never') },
    });
    expect(listFiles(out)).toEqual(['notes.txt', 'src/handlers/sender.ts']);

    const forced = await exportTo(s, out, minimalDocument(), true);
    expect(forced.ok).toBe(true);
    expect(statuses(forced.ok ? forced.value : null)['src/handlers/sender.ts']).toBe('kept');
    expect(readFileSync(join(out, 'src/handlers/sender.ts'), 'utf8')).toBe(
      'export const mine = 1;\n',
    );
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses to follow a symbolic link out of the folder', async () => {
    const s = services();
    const out = join(tempDir(), 'project');
    const outside = tempDir();
    await exportTo(s, out, minimalDocument());
    // Swap a folder the export writes into for a link that leaves the project.
    const producers = join(out, 'src/producers');
    for (const f of readdirSync(producers)) writeFileSync(join(outside, f), 'old');
    rmSync(producers, { recursive: true });
    symlinkSync(outside, producers);

    const result = await exportTo(s, out, minimalDocument());
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('symbolic link') },
    });
    expect(readFileSync(join(outside, 'signup.ts'), 'utf8')).toBe('old');
  });

  it('keeps files of hostile node names inside the folder', async () => {
    const s = services();
    const parent = tempDir();
    const out = join(parent, 'project');
    const doc = minimalDocument();
    doc.nodes = doc.nodes.map((n) => ({
      ...n,
      name: n.kind === 'worker' ? '../../escape' : n.kind === 'producer' ? '/etc/passwd' : n.name,
    }));
    const result = await exportTo(s, out, doc);
    expect(result.ok).toBe(true);
    expect(readdirSync(parent)).toEqual(['project']);
    const files = listFiles(out);
    expect(files.some((f) => f.startsWith('src/handlers/') && f.includes('escape'))).toBe(true);
    expect(files.every((f) => !f.split('/').includes('..'))).toBe(true);
  });
});

describe('codegen:pickFolder', () => {
  it('is unsupported without native dialogs (web mode)', async () => {
    expect(await services().dispatch('codegen:pickFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported', message: expect.stringContaining('type the full path') },
    });
  });

  it('answers with the folder the host dialog picked, or null when cancelled', async () => {
    let answer: string | null = '/picked/folder';
    const s = services({ pickFolder: async () => answer });
    expect(await s.dispatch('codegen:pickFolder', {})).toEqual({
      ok: true,
      value: { path: '/picked/folder' },
    });
    answer = null;
    expect(await s.dispatch('codegen:pickFolder', {})).toEqual({ ok: true, value: null });
  });

  it('uses Electron’s open dialog for folders, attached to the window', async () => {
    const win = { id: 1 };
    const dialogs = createElectronDialogs(() => win as never);
    dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: ['/home/me/out'] as never[],
    });
    expect(await dialogs.pickFolder?.()).toBe('/home/me/out');
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await dialogs.pickFolder?.()).toBeNull();
  });
});
