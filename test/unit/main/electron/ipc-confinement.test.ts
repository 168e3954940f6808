import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { serializeDocument } from '../../../../shared/document';
import { createElectronDialogs } from '../../../../main/electron/dialogs';
import { registerIpc } from '../../../../main/electron/ipc';
import { isAppUrl, type RendererLocation } from '../../../../main/electron/window';
import { createHostServices, type HostServices } from '../../../../main/services/host-services';
import { minimalDocument } from '../services/fixtures';
import {
  FakeBrowserWindow,
  dialog,
  fakeIpcRenderer,
  resetFakeElectron,
  state,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

/**
 * The desktop app's IPC takes paths only where the user chose them: what a native dialog
 * returned since the app started, what the OS or command line handed over, and the recent list.
 */

const location: RendererLocation = { kind: 'app', rendererDir: '/app/out/renderer' };
let dir: string;
let services: HostServices;
let dispose: () => void;

beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(join(tmpdir(), 'pipewright-ipc-confine-'));
  const window = new FakeBrowserWindow({});
  services = createHostServices({
    userDataDir: join(dir, 'data'),
    examplesDir: dir,
    host: 'electron',
    dialogs: createElectronDialogs(() => undefined),
    warn: () => {},
  });
  dispose = registerIpc({
    services,
    isAppUrl: (url) => isAppUrl(url, location),
    targets: () => [window.webContents as unknown as WebContents],
  });
  state.senderFrame = { url: 'app://pipewright/index.html', parent: null };
});
afterEach(() => {
  dispose();
  rmSync(dir, { recursive: true, force: true });
});

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string } };
const invoke = (channel: string, payload: unknown = {}) =>
  fakeIpcRenderer.invoke(channel, payload) as Promise<Answer>;

const pipelineFile = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, serializeDocument(minimalDocument(name)));
  return path;
};

describe('Electron IPC confinement', () => {
  it('opens a file only after the open dialog returned it', async () => {
    const chosen = pipelineFile('chosen.pipewright.json');
    const other = pipelineFile('other.pipewright.json');
    expect(await invoke('documents:open', { path: chosen })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/not chosen in a file dialog/) },
    });
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] } as never);
    expect(await invoke('documents:pickOpen')).toEqual({ ok: true, value: { path: chosen } });
    expect(await invoke('documents:open', { path: chosen })).toMatchObject({
      ok: true,
      value: { path: chosen },
    });
    // Saving back to it is allowed; a sibling the user never chose is not.
    expect(
      await invoke('documents:save', { path: chosen, document: minimalDocument('Saved') }),
    ).toMatchObject({ ok: true });
    expect(await invoke('documents:open', { path: other })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke('documents:open', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.not.stringContaining('root:') },
    });
  });

  it('saves only where the save dialog said, and opens the recent list again', async () => {
    const target = join(dir, 'new.pipewright.json');
    expect(
      await invoke('documents:saveAs', { path: target, document: minimalDocument() }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(readdirSync(dir)).toEqual([]);
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target } as never);
    expect(await invoke('documents:pickSave', { suggestedName: 'new' })).toEqual({
      ok: true,
      value: { path: target },
    });
    expect(
      await invoke('documents:saveAs', { path: target, document: minimalDocument('New') }),
    ).toMatchObject({ ok: true, value: { path: target } });

    // A later session has no grants, only the recent list (which the save added to).
    const later = createHostServices({
      userDataDir: join(dir, 'data'),
      examplesDir: dir,
      host: 'electron',
      warn: () => {},
    });
    expect(await later.dispatch('documents:open', { path: target })).toMatchObject({
      ok: true,
      value: { document: { name: 'New' } },
    });
  });

  it('exports only into the folder the folder dialog returned, not beside it', async () => {
    const picked = join(dir, 'picked');
    mkdirSync(picked);
    const beside = join(dir, 'beside');
    mkdirSync(beside);
    writeFileSync(join(beside, 'package.json'), '{"name":"theirs"}');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [picked] } as never);
    expect(await invoke('codegen:pickFolder')).toEqual({ ok: true, value: { path: picked } });
    for (const folder of [beside, join(picked, '..', 'beside')]) {
      expect(
        await invoke('codegen:export', { document: minimalDocument(), folder, force: true }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(readdirSync(beside)).toEqual(['package.json']);
    expect(
      await invoke('codegen:export', { document: minimalDocument(), folder: picked }),
    ).toMatchObject({ ok: true, value: { folder: picked } });
    // A folder chosen for code is not a place to drop documents the user never saved there.
    expect(
      await invoke('documents:save', {
        path: join(picked, 'x.pipewright.json'),
        document: minimalDocument(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('judges a symbolic link by where it leads', async () => {
    const chosen = pipelineFile('real.pipewright.json');
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [chosen] } as never);
    await invoke('documents:pickOpen');
    const link = join(dir, 'alias.pipewright.json');
    symlinkSync(chosen, link);
    expect(await invoke('documents:open', { path: link })).toMatchObject({
      ok: true,
      value: { path: chosen },
    });
    const passwdLink = join(dir, 'passwd.pipewright.json');
    symlinkSync('/etc/passwd', passwdLink);
    expect(await invoke('documents:open', { path: passwdLink })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('refuses a report path no dialog returned', async () => {
    expect(
      await invoke('run:report', { format: 'html', path: join(dir, 'report.html') }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await invoke('run:report', { format: 'html', path: join(dir, '.bashrc') }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(readdirSync(dir)).toEqual([]);

    // Save report…: the save dialog keeps the report's extension, and its answer may be used.
    dialog.showSaveDialog.mockResolvedValueOnce({
      canceled: false,
      filePath: join(dir, 'my-report'),
    } as never);
    expect(await invoke('documents:pickSave', { suggestedName: 'r-1-report.html' })).toEqual({
      ok: true,
      value: { path: join(dir, 'my-report.html') },
    });
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({
        defaultPath: 'r-1-report.html',
        filters: [{ name: 'HTML report', extensions: ['html'] }],
      }),
    );
    // Allowed now; what is missing is a finished run.
    expect(
      await invoke('run:report', { format: 'html', path: join(dir, 'my-report.html') }),
    ).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
