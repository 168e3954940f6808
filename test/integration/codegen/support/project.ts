import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { exportProject } from '../../../../main/services/export';
import type { GeneratedFile } from '../../../../shared/codegen';
export { unformattedFiles } from '../../../helpers/prettier-files';

/** The repository root, whose node_modules generated projects link to (no npm install). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');

/** A fresh temporary folder; remove it with `rmSync(dir, { recursive: true, force: true })`. */
export const tempDir = (label: string) => mkdtempSync(join(tmpdir(), `pipewright-${label}-`));

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Links the repository's node_modules into a generated project, as `npm install` would fill it. */
export function linkNodeModules(projectDir: string): void {
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(projectDir, 'node_modules'), 'dir');
}

// Library declarations never change between projects: parse them once for the whole run.
const libraryFiles = new Map<string, ts.SourceFile>();

/**
 * Type-checks a project on disk with the TypeScript compiler API and its own tsconfig.json
 * (strict), resolving bullmq and ioredis from its node_modules. Returns the diagnostics as text.
 */
export function typeCheck(projectDir: string): string[] {
  const configPath = join(projectDir, 'tsconfig.json');
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return [ts.flattenDiagnosticMessageText(read.error.messageText, '\n')];
  const config = ts.parseJsonConfigFileContent(read.config, ts.sys, projectDir);
  const options = { ...config.options, noEmit: true };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.includes('/node_modules/')) {
      return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    }
    const format =
      typeof languageVersion === 'object' ? `${languageVersion.impliedNodeFormat}` : '';
    const key = `${fileName}|${format}`;
    let file = libraryFiles.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) libraryFiles.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: config.fileNames, options, host });
  const diagnostics = [...config.errors, ...ts.getPreEmitDiagnostics(program)];
  return diagnostics.map((d) =>
    ts.formatDiagnostic(d, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => projectDir,
      getNewLine: () => '\n',
    }),
  );
}

/** Writes a generated project to a temporary folder and type-checks it there; then removes it. */
export async function typeCheckProject(files: GeneratedFile[], label: string): Promise<string[]> {
  const dir = tempDir(label);
  try {
    await exportProject(dir, files);
    linkNodeModules(dir);
    return typeCheck(dir);
  } finally {
    removeDir(dir);
  }
}
