import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every regular file under `root` (links not followed) with its contents, by relative path. */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files[full.slice(root.length + 1)] = readFileSync(full, 'utf8');
  }
  return files;
}
