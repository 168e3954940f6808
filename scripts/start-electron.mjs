#!/usr/bin/env node
// `npm start` / `npm run dev`: makes sure Electron's binary is there, then hands over to
// electron-vite (`preview` builds once and opens the app; `dev` hot-reloads).
//
// Why: Electron 42+ has no install script; it downloads its binary on the first
// `require('electron')`. electron-vite 6 only looks for node_modules/electron/path.txt and throws
// "Electron uninstall" when it is missing, so on a fresh clone nothing ever triggers the download.
// This preflight runs Electron's own installer (which honours ELECTRON_MIRROR,
// electron_config_cache and ELECTRON_OVERRIDE_DIST_PATH) and, when the binary cannot be had, says
// what failed, why, and what to do, instead of a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const EXECUTABLES = {
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};
const MAC_EXECUTABLE = 'Electron.app/Contents/MacOS/Electron';

function fail(what, why, todo) {
  const lines = [`pipewright: ${what}`];
  if (why) lines.push(`  Why: ${why}`);
  lines.push('  What to do:', ...todo.map((step) => `    - ${step}`));
  lines.push('    - Or use the same app in your browser, no Electron needed: npm run serve');
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

function executableName() {
  const platform = process.env.ELECTRON_INSTALL_PLATFORM || process.platform;
  if (platform === 'darwin' || platform === 'mas') return MAC_EXECUTABLE;
  return EXECUTABLES[platform];
}

/** The first line of an error that a child printed with its stack: its message. */
function firstMessage(stderr) {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !l.startsWith('Downloading'));
  return (line ?? 'the installer failed without a message').replace(/^\w*Error: /, '');
}

/** "fetch failed" names no cause: ask the mirror once more, briefly, to learn why. */
async function probe(mirror) {
  try {
    const response = await fetch(mirror, { method: 'HEAD', signal: AbortSignal.timeout(5000) });
    return `the mirror answered HTTP ${response.status}`;
  } catch (error) {
    if (error.name === 'TimeoutError') return 'no answer within 5 s';
    return error.cause?.message ?? error.message;
  }
}

async function resolveElectron() {
  let electronDir;
  try {
    electronDir = dirname(require.resolve('electron/package.json'));
  } catch {
    fail('Electron is not installed in node_modules.', undefined, ['Run `npm install` first.']);
  }
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const exe = executableName();
  if (!exe) {
    fail(`Electron ${version} has no build for this platform (${process.platform}).`, undefined, [
      'Run the app on Linux, macOS or Windows.',
    ]);
  }
  const pathFile = join(electronDir, 'path.txt');
  const recorded = () => (existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : exe);

  if (process.env.ELECTRON_EXEC_PATH)
    return checked(process.env.ELECTRON_EXEC_PATH, 'ELECTRON_EXEC_PATH');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return checked(
      join(process.env.ELECTRON_OVERRIDE_DIST_PATH, recorded()),
      'ELECTRON_OVERRIDE_DIST_PATH',
    );
  }
  const installed = join(electronDir, 'dist', recorded());
  if (existsSync(pathFile) && existsSync(installed)) return installed;

  const mirror =
    process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || DEFAULT_MIRROR;
  process.stderr.write(`Downloading Electron ${version} (once; about 100 MB) from ${mirror} …\n`);
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  const binary = join(electronDir, 'dist', recorded());
  if (install.status === 0 && existsSync(binary)) return binary;

  let why = firstMessage(install.stderr ?? install.error?.message ?? '');
  if (/fetch failed/i.test(why)) why = `${why} (${await probe(mirror)})`;
  const [major, minor] = process.versions.node.split('.').map(Number);
  const oldNode = major < 22 || (major === 22 && minor < 12);
  fail(`could not download Electron ${version}, which the desktop app needs.`, why, [
    ...(oldNode
      ? [
          `Electron's downloader supports Node 22.12 or newer; this is Node ${process.versions.node}: use Node 24 LTS.`,
        ]
      : []),
    'Check your connection, or set ELECTRON_MIRROR to a mirror you can reach (ending in /).',
    `Or put electron-v${version}-<platform>-<arch>.zip in a folder and set electron_config_cache to it.`,
    'Or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an Electron binary you already have.',
    'Then run the same command again.',
  ]);
}

function checked(path, variable) {
  if (!existsSync(path)) {
    fail(`${variable} points to ${path}, which does not exist.`, undefined, [
      `Set ${variable} to ${variable === 'ELECTRON_EXEC_PATH' ? 'the Electron executable' : 'the folder holding the Electron executable'}, or unset it to download Electron.`,
    ]);
  }
  return path;
}

const mode = process.argv[2];
if (mode !== 'preview' && mode !== 'dev') {
  process.stderr.write(
    'usage: node scripts/start-electron.mjs preview|dev [electron-vite options]\n',
  );
  process.exit(2);
}
const executable = await resolveElectron();
const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);
const child = spawn(process.execPath, [electronVite, mode, ...process.argv.slice(3)], {
  stdio: 'inherit',
  // electron-vite reads ELECTRON_EXEC_PATH before it looks for path.txt.
  env: { ...process.env, ELECTRON_EXEC_PATH: executable },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
