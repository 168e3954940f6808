import { formatWithPrettier, type GeneratedFile, type PrettierParser } from '../../shared/codegen';

/** The Prettier parser a generated file is formatted with, or null for files Prettier skips. */
export function parserFor(path: string): PrettierParser | null {
  if (path.endsWith('.ts')) return 'typescript';
  if (path.endsWith('.md')) return 'markdown';
  if (path.endsWith('.yml')) return 'yaml';
  if (path === 'package.json') return 'json-stringify';
  if (path.endsWith('.json')) return 'json';
  return null;
}

/** The files whose contents differ from what Prettier makes of them. */
export async function unformattedFiles(files: readonly GeneratedFile[]): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    const parser = parserFor(file.path);
    if (parser === null) continue;
    if ((await formatWithPrettier(file.contents, parser, file.path)) !== file.contents) {
      out.push(file.path);
    }
  }
  return out;
}
