import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS } from '../../../../shared/api/contract';
import { menuTemplate, type MenuActions } from '../../../../main/electron/menu';

vi.mock('electron', () => import('./fake-electron'));

const actions = (): MenuActions & { sent: string[] } => {
  const sent: string[] = [];
  return {
    sent,
    command: (c) => sent.push(c),
    openRecent: (p) => sent.push(`open ${p}`),
    clearRecent: () => sent.push('clear'),
    openUserDataFolder: () => sent.push('folder'),
  };
};

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const find = (items: Item[], label: string): Item => {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no menu item "${label}" in ${items.map((i) => i.label).join(', ')}`);
  return found;
};
const all = (items: Item[]): Item[] => items.flatMap((i) => [i, ...all(submenu(i))]);
const click = (item: Item) => (item.click as () => void)();

describe('the native menu', () => {
  it('has File, Edit, View, Run and Help, with the usual accelerators', () => {
    const template = menuTemplate({
      platform: 'linux',
      recentFiles: [],
      actions: actions(),
      dev: false,
    });
    expect(template.map((i) => i.label)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    const accelerators = Object.fromEntries(
      all(template)
        .filter((i) => i.label && i.accelerator)
        .map((i) => [i.label, i.accelerator]),
    );
    expect(accelerators).toMatchObject({
      New: 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      'Export Code…': 'CmdOrCtrl+E',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Shift+Z',
      'Select All': 'CmdOrCtrl+A',
      Simulate: 'F5',
      Stop: 'Shift+F5',
    });
    const file = submenu(find(template, 'File'));
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual([
      'New',
      'Open…',
      'Open Recent',
      'separator',
      'Save',
      'Save As…',
      'Export Code…',
      'separator',
      'quit',
    ]);
    const edit = submenu(find(template, 'Edit'))
      .map((i) => i.role)
      .filter(Boolean);
    expect(edit).toEqual(['cut', 'copy', 'paste']);
    expect(all(template).some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('uses Ctrl+Y for redo on Windows and puts About in the app menu on macOS', () => {
    const win = menuTemplate({ platform: 'win32', recentFiles: [], actions: actions(), dev: true });
    expect(find(submenu(find(win, 'Edit')), 'Redo').accelerator).toBe('Ctrl+Y');
    expect(all(win).some((i) => i.role === 'toggleDevTools')).toBe(true);
    const mac = menuTemplate({
      platform: 'darwin',
      recentFiles: [],
      actions: actions(),
      dev: false,
    });
    expect(mac.map((i) => i.label)).toEqual(['Pipewright', 'File', 'Edit', 'View', 'Run', 'Help']);
    expect(submenu(mac[0]).some((i) => i.label === 'About Pipewright')).toBe(true);
    expect(submenu(find(mac, 'File')).at(-1)?.role).toBe('close');
  });

  it('sends every menu command of the contract when its item is chosen', () => {
    const a = actions();
    const template = menuTemplate({ platform: 'linux', recentFiles: [], actions: a, dev: false });
    for (const item of all(template)) if (item.click) click(item);
    // Every command once, plus the two host-side items (Clear Recently Opened, Settings Folder).
    expect([...a.sent].sort()).toEqual([...MENU_COMMANDS, 'clear', 'folder'].sort());
  });

  it('lists recent files under Open Recent and can clear them', () => {
    const a = actions();
    const recentFiles = [
      { path: '/p/emails.pipewright.json', name: 'Emails', openedAt: '2026-11-28T00:00:00Z' },
      { path: '/p/sync.pipewright.json', name: 'Sync', openedAt: '2026-11-27T00:00:00Z' },
    ];
    const template = menuTemplate({ platform: 'linux', recentFiles, actions: a, dev: false });
    const recent = submenu(find(submenu(find(template, 'File')), 'Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual([
      'Emails — /p/emails.pipewright.json',
      'Sync — /p/sync.pipewright.json',
      'separator',
      'Clear Recently Opened',
    ]);
    click(recent[1]!);
    click(recent[3]!);
    expect(a.sent).toEqual(['open /p/sync.pipewright.json', 'clear']);
    const empty = menuTemplate({ platform: 'linux', recentFiles: [], actions: a, dev: false });
    expect(
      find(submenu(find(submenu(find(empty, 'File')), 'Open Recent')), 'Clear Recently Opened')
        .enabled,
    ).toBe(false);
  });
});
