import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const PACKAGE_NAME = 'pipewright';

/**
 * The folder holding Pipewright's package.json, found by walking up from `from`. The same code
 * runs from the TypeScript sources (main/…) and from the bundle (out/main/, out/main/chunks/), so
 * no fixed number of `..` is right for both.
 */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`Pipewright's package.json was not found above ${from}`);
    }
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** True when this module runs from the TypeScript sources (tsx, vitest), not from the bundle. */
export function runningFromSources(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.ts');
}
