#!/usr/bin/env node
// `npm start` / `npm run dev`: makes sure Electron's binary is there, then hands over to
// electron-vite (`preview` builds once and opens the app; `dev` hot-reloads).
//
// Why: Electron 42+ has no install script; it downloads its binary on the first
// `require('electron')`. electron-vite 6 only looks for node_modules/electron/path.txt and throws
// "Electron uninstall" when it is missing, so on a fresh clone nothing ever triggers the download.
// This preflight runs Electron's own installer (which honours ELECTRON_MIRROR,
// electron_config_cache and ELECTRON_OVERRIDE_DIST_PATH) and, when the binary cannot be had, says
// what failed, why, and what to do, instead of a stack trace. The installer runs under a
// no-progress watchdog (electron-download-watchdog.mjs): a mirror that accepts the connection and
// then sends nothing fails after PIPEWRIGHT_ELECTRON_STALL_SECONDS (30) rather than minutes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/**
 * The platform and arch Electron's installer will download for, resolved as its install.js does,
 * with where each came from, so a message can name what was asked for.
 */
function downloadTarget() {
  const pick = (variables, fallback) => {
    const variable = variables.find((name) => process.env[name]);
    return variable
      ? { value: process.env[variable], variable, set: `${variable}=${process.env[variable]}` }
      : { value: fallback, variable: undefined };
  };
  const platform = pick(['ELECTRON_INSTALL_PLATFORM', 'npm_config_platform'], process.platform);
  const arch = pick(['ELECTRON_INSTALL_ARCH', 'npm_config_arch'], process.arch);
  // @electron/get names 32-bit ARM "armv7l".
  if (arch.value === 'arm') arch.value = 'armv7l';
  return { platform, arch };
}

/** Who asked for a target: the variables that set it, or this machine. */
function askedBy(parts, what) {
  const set = parts.filter((part) => part.variable);
  return set.length === 0
    ? `(this machine's ${what})`
    : `(asked for by ${set.map((part) => part.set).join(' and ')})`;
}

/** Steps that undo the variables behind a target, when they set it. */
function unsetSteps(parts) {
  return parts
    .filter((part) => part.variable)
    .map((part) => `Unset ${part.variable} if it was not meant for this download.`);
}

function executableName() {
  const platform = downloadTarget().platform.value;
  if (platform === 'darwin' || platform === 'mas') return MAC_EXECUTABLE;
  return EXECUTABLES[platform];
}

/** The watchdog's limit: a positive number of seconds, or a message saying what is wrong. */
function stallSeconds() {
  const raw = process.env.PIPEWRIGHT_ELECTRON_STALL_SECONDS;
  if (raw === undefined || raw === '') return 30;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds > 0) return seconds;
  fail(`PIPEWRIGHT_ELECTRON_STALL_SECONDS is "${raw}", not a number of seconds.`, undefined, [
    'Set it to a positive number (how long a download may receive nothing), or unset it for 30.',
  ]);
}

/**
 * Electron publishes a zip for each platform-arch it supports, and its package lists their
 * checksums: a target missing from that list has no build to download. (With
 * electron_use_remote_checksums a mirror may serve builds of its own, so the list does not bind.)
 */
function checkPublished(electronDir, version) {
  if (
    process.env.electron_use_remote_checksums ||
    process.env.npm_config_electron_use_remote_checksums
  )
    return;
  const checksums = JSON.parse(readFileSync(join(electronDir, 'checksums.json'), 'utf8'));
  const { platform, arch } = downloadTarget();
  if (`electron-v${version}-${platform.value}-${arch.value}.zip` in checksums) return;
  const prefix = `electron-v${version}-`;
  // The app zips: "electron-v45.5.0-linux-x64.zip", not their -symbols, -debug or -pdb kin.
  const published = Object.keys(checksums)
    .filter((name) => name.startsWith(prefix) && name.endsWith('.zip'))
    .map((name) => name.slice(prefix.length, -'.zip'.length))
    .filter((target) => /^[a-z0-9]+-[a-z0-9]+$/.test(target));
  fail(
    `Electron ${version} has no build for ${platform.value}-${arch.value} ${askedBy([platform, arch], 'platform and arch')}.`,
    `Electron ${version} is published for ${published.join(', ')} only.`,
    [...unsetSteps([platform, arch]), 'Run the desktop app on one of those.'],
  );
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
  if (process.env.ELECTRON_EXEC_PATH)
    return checked(process.env.ELECTRON_EXEC_PATH, 'ELECTRON_EXEC_PATH');
  const exe = executableName();
  if (!exe) {
    const { platform } = downloadTarget();
    fail(
      `Electron ${version} has no build for ${platform.value} ${askedBy([platform], 'platform')}.`,
      undefined,
      [
        ...unsetSteps([platform]),
        'Run the app on Linux, macOS or Windows, or set ELECTRON_EXEC_PATH to an Electron you have.',
      ],
    );
  }
  const pathFile = join(electronDir, 'path.txt');
  const recorded = () => (existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : exe);

  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return checked(
      join(process.env.ELECTRON_OVERRIDE_DIST_PATH, recorded()),
      'ELECTRON_OVERRIDE_DIST_PATH',
    );
  }
  const installed = join(electronDir, 'dist', recorded());
  if (existsSync(pathFile) && existsSync(installed)) return installed;

  checkPublished(electronDir, version);
  const stall = stallSeconds();
  const mirror =
    process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || DEFAULT_MIRROR;
  process.stderr.write(`Downloading Electron ${version} (once; about 100 MB) from ${mirror} …\n`);
  const watchdog = fileURLToPath(new URL('electron-download-watchdog.mjs', import.meta.url));
  const install = spawnSync(
    process.execPath,
    ['--import', pathToFileURL(watchdog).href, join(electronDir, 'install.js')],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, PIPEWRIGHT_ELECTRON_STALL_SECONDS: String(stall) },
    },
  );
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
