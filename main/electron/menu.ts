import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../../shared/api/contract';

export interface MenuActions {
  /** Sends `menu:command` to the renderer, which runs it as an editor action. */
  command(command: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
  openUserDataFolder(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  recentFiles: RecentFile[];
  actions: MenuActions;
  /** Developer tools and reload only while developing. */
  dev: boolean;
}

/**
 * The native menu. Editor actions (undo, select all, fit…) go to the renderer as commands, so
 * they work on the canvas; the renderer hands them to a focused text field when there is one.
 * Clipboard and zoom use Electron's roles.
 */
export function menuTemplate({
  platform,
  recentFiles,
  actions,
  dev,
}: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (
    label: string,
    command: MenuCommand,
    accelerator?: string,
  ): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.command(command),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };

  const openRecent: MenuItemConstructorOptions = {
    label: 'Open Recent',
    submenu: [
      ...recentFiles.map((file) => ({
        label: `${file.name} — ${file.path}`,
        click: () => actions.openRecent(file.path),
      })),
      ...(recentFiles.length > 0 ? [separator] : []),
      {
        label: 'Clear Recently Opened',
        enabled: recentFiles.length > 0,
        click: () => actions.clearRecent(),
      },
    ],
  };

  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [
          {
            label: 'Pipewright',
            submenu: [
              item('About Pipewright', 'help:about'),
              separator,
              { role: 'services' as const },
              separator,
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              separator,
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        item('New', 'file:new', 'CmdOrCtrl+N'),
        item('Open…', 'file:open', 'CmdOrCtrl+O'),
        openRecent,
        separator,
        item('Save', 'file:save', 'CmdOrCtrl+S'),
        item('Save As…', 'file:saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export Code…', 'file:export', 'CmdOrCtrl+E'),
        separator,
        mac ? { role: 'close' as const } : { role: 'quit' as const, accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        item('Undo', 'edit:undo', 'CmdOrCtrl+Z'),
        item('Redo', 'edit:redo', platform === 'win32' ? 'Ctrl+Y' : 'CmdOrCtrl+Shift+Z'),
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        separator,
        item('Select All', 'edit:selectAll', 'CmdOrCtrl+A'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Fit Pipeline to Window', 'view:fit', 'CmdOrCtrl+1'),
        item('Toggle Light/Dark Theme', 'view:toggleTheme', 'CmdOrCtrl+Shift+L'),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        ...(dev
          ? [separator, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]
          : []),
      ],
    },
    {
      label: 'Run',
      submenu: [
        item('Simulate', 'run:simulate', 'F5'),
        item('Start Real Run', 'run:start', 'CmdOrCtrl+F5'),
        item('Stop', 'run:stop', 'Shift+F5'),
      ],
    },
    {
      role: 'help',
      label: 'Help',
      submenu: [
        ...(mac ? [] : [item('About Pipewright', 'help:about')]),
        { label: 'Open Settings Folder', click: () => actions.openUserDataFolder() },
      ],
    },
  ];
  return template;
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
