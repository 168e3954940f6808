#!/usr/bin/env node
// The `pipewright` CLI. It runs the bundle that `npm run build` writes (out/main/cli.js): plain
// JavaScript, so a command starts in tens of milliseconds. A development checkout whose sources
// are newer than that bundle, or that was never built, runs the TypeScript sources through tsx
// (a dev dependency) instead, so the CLI never runs stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out/main/cli.js');
const sources = join(root, 'main/cli/index.ts');

/** The newest modification time of the TypeScript the bundle is built from. */
function newestSourceMtime() {
  let newest = 0;
  for (const folder of ['main', 'shared']) {
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const mtime = statSync(join(entry.parentPath, entry.name)).mtimeMs;
      if (mtime > newest) newest = mtime;
    }
  }
  return newest;
}

function bundleIsCurrent() {
  if (!existsSync(bundle)) return false;
  if (process.env.PIPEWRIGHT_CLI === 'bundle' || !existsSync(sources)) return true;
  if (process.env.PIPEWRIGHT_CLI === 'sources') return false;
  return statSync(bundle).mtimeMs >= newestSourceMtime();
}

async function loadFromSources() {
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    process.stderr.write(
      'pipewright: the CLI is not built (out/main/cli.js is missing or older than the sources), ' +
        'and the TypeScript sources cannot run without the dev dependency tsx.\n' +
        'Run `npm install && npm run build` in the Pipewright folder, then try again.\n',
    );
    process.exit(2);
  }
  return import('../main/cli/index.ts');
}

const { main } = bundleIsCurrent()
  ? await import(pathToFileURL(bundle).href)
  : await loadFromSources();
process.exitCode = await main(process.argv.slice(2));
