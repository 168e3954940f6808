import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/** Every layer rule of eslint.config.js fires on a probe file placed in that layer, and only there. */
const root = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

const LAYER_RULES = new Set([
  'no-restricted-imports',
  'no-restricted-syntax',
  'no-restricted-globals',
]);

/** The layer findings for `code` as if it were the file at `path`. */
async function findings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages
    .filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

const cases: [path: string, code: string, expected: RegExp][] = [
  ['shared/probe.ts', "import { readFileSync } from 'node:fs';", /Node built-ins/],
  ['shared/probe.ts', "import { EventEmitter } from 'events';", /Node built-ins/],
  ['shared/probe.ts', "import { createServer } from 'http';", /Node built-ins/],
  ['shared/probe.ts', "export { parse } from 'url';", /Node built-ins/],
  ['shared/probe.ts', "export const load = () => import('node:fs');", /Node built-ins/],
  ['shared/probe.ts', "export const load = () => import('fs/promises');", /Node built-ins/],
  ['shared/probe.ts', "export const load = () => import('../main/services/paths');", /only shared/],
  ['shared/probe.ts', "import { x } from '../renderer/state/x';", /only shared/],
  ['shared/probe.ts', "import { Queue } from 'bullmq';", /I\/O libraries/],
  ['shared/probe.ts', "import { useState } from 'react';", /UI libraries/],
  ['shared/probe.ts', "import { app } from 'electron';", /electron/],
  ['shared/probe.ts', 'export const env = process.env.HOME;', /process is Node-only/],
  ['shared/probe.ts', "export const bytes = Buffer.from('x');", /Buffer is Node-only/],
  ['shared/probe.ts', 'export const width = window.innerWidth;', /window is browser-only/],
  ['renderer/probe.ts', "import { join } from 'path';", /Node built-ins/],
  [
    'renderer/probe.ts',
    "export const load = () => import('node:child_process');",
    /Node built-ins/,
  ],
  ['renderer/probe.ts', "import { main } from '../main/cli/index';", /never imports main/],
  [
    'renderer/probe.ts',
    "export const load = () => import('../main/cli/index');",
    /never imports main/,
  ],
  ['renderer/probe.ts', 'export const env = process.env.HOME;', /process is Node-only/],
  ['renderer/probe.ts', "import { create } from 'zustand';", /Only renderer\/state/],
  ['renderer/probe.ts', "import { ipcRenderer } from 'electron';", /talks to the host/],
  ['main/cli/probe.ts', "import { app } from 'electron';", /only main\/electron/],
  [
    'main/cli/commands/probe.ts',
    "export const l = () => import('../../electron/app');",
    /without Electron/,
  ],
  ['main/web/probe.ts', "import { startApp } from '../electron/app';", /not other shells/],
  ['main/web/probe.ts', "import { main } from '../cli/index';", /not other shells/],
  ['main/electron/probe.ts', "import { startWebServer } from '../web/server';", /not other shells/],
  ['main/services/probe.ts', "import { main } from '../cli/index';", /below the shells/],
  ['main/services/probe.ts', "export const l = () => import('../web/server');", /below the shells/],
  ['main/runner/probe.ts', "import { startWebServer } from '../web/server';", /below services/],
  [
    'main/runner/probe.ts',
    "import { RunService } from '../services/runs/service';",
    /below services/,
  ],
  ['main/services/runs/probe.ts', "import { main } from '../../cli/index';", /below the shells/],
  ['main/redis/probe.ts', "import { planRun } from '../runner/plan';", /lowest layer/],
  ['main/redis/probe.ts', "import { app } from 'electron';", /only main\/electron/],
  ['main/services/probe.ts', "import { useState } from 'react';", /UI libraries/],
  [
    'main/services/probe.ts',
    "import { x } from '../../renderer/state/x';",
    /never imports renderer/,
  ],
  ['main/electron/app-probe.ts', "import { ipcMain } from 'electron';", /raw ipcMain/],
];

describe('layer rules', () => {
  it.each(cases)('%s: %s', async (path, code, expected) => {
    const found = await findings(path, code);
    expect(found.length, `no finding for ${code} in ${path}`).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(expected);
  });

  it.each([
    ['shared/probe.ts', "import { parse } from './document';"],
    ['shared/probe.ts', "export const load = () => import('prettier/standalone');"],
    ['renderer/state/probe.ts', "import { create } from 'zustand';"],
    ['renderer/probe.ts', "import { Inspector } from '../inspector/Inspector';"],
    ['main/services/probe.ts', "import { readFile } from 'node:fs/promises';"],
    ['main/services/probe.ts', "import { planRun } from '../runner/plan';"],
    ['main/services/runs/probe.ts', "import { planRun } from '../../runner/plan';"],
    ['main/cli/commands/probe.ts', "import { startWebServer } from '../../web/server';"],
    ['main/electron/probe.ts', "import { app } from 'electron';"],
    ['main/electron/ipc.ts', "import { ipcMain } from 'electron';"],
  ])('allows %s: %s', async (path, code) => {
    expect(await findings(path, code)).toEqual([]);
  });
});
