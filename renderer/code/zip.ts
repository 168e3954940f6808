import type { GeneratedFile } from '../../shared/codegen';

/** The project's folder name: its package.json name (the generator's slug of the pipeline name). */
export function projectName(files: readonly GeneratedFile[]): string {
  const pkg = files.find((f) => f.path === 'package.json');
  try {
    const name = (JSON.parse(pkg?.contents ?? '{}') as { name?: unknown }).name;
    if (typeof name === 'string' && /^[\w.-]{1,100}$/.test(name) && !/^\.+$/.test(name)) {
      return name;
    }
  } catch {
    // Not JSON: the default below.
  }
  return 'pipeline';
}
