import type { PipelineDocument } from '../document/schema';
import { connectionFile } from './files/connection';
import { loadFile, mainFile, schedulersFile } from './files/entry';
import { flowsFile, hasFlows } from './files/flows';
import { handlerFile } from './files/handler';
import {
  DOCKERFILE,
  GITIGNORE,
  TSCONFIG_JSON,
  dockerCompose,
  envExample,
  packageJson,
} from './files/project';
import { producerFile } from './files/producer';
import { queuesFile } from './files/queues';
import { readme } from './files/readme';
import { ARRIVALS_TS, SIMULATE_TS } from './files/runtime';
import { workerFile } from './files/worker';
import { formatWithPrettier } from './format';
import { buildModel, type CodegenModel } from './model';
import { file } from './print/code';
import { hasLongCodeLine } from './print/ts';

export { CodegenError } from './model';
export { PRETTIER_OPTIONS, formatWithPrettier, type PrettierParser } from './format';

/** One file of a generated project. */
export interface GeneratedFile {
  /** Relative to the project folder, `/`-separated, e.g. `src/workers/email-sender.ts`. */
  path: string;
  contents: string;
  /**
   * `handler`: the user's code (src/handlers/), written once and never overwritten by export;
   * `generated`: regenerated from the pipeline every time.
   */
  kind: 'handler' | 'generated';
  /** The pipeline nodes whose code this file holds, for the Code panel to map nodes to files. */
  nodeIds: string[];
}

/** A file as the emitters write it, before any Prettier pass. */
export interface DraftFile extends GeneratedFile {
  /** True when only Prettier can say how the file is laid out (see format.ts). */
  needsPrettier: boolean;
}

/** The name of the file that marks a folder as Pipewright output and lists what it wrote. */
export const MANIFEST_PATH = '.pipewright.json';
export const MANIFEST_FORMAT = 'pipewright-codegen/v1';

export interface Manifest {
  generator: 'pipewright';
  format: typeof MANIFEST_FORMAT;
  pipeline: string;
  files: string[];
  handlers: string[];
}

const byPath = (a: { path: string }, b: { path: string }) =>
  a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/**
 * The project's files, in a fixed order, as the emitters write them: same document, same bytes.
 * Throws CodegenError when the document cannot run (e.g. a worker without an input queue).
 */
export function draftProject(doc: PipelineDocument): DraftFile[] {
  const model = buildModel(doc);
  const ts = (
    path: string,
    out: string | { text: string; unsure: boolean },
    nodeIds: string[] = [],
  ) => {
    const text = file(typeof out === 'string' ? out : out.text);
    const unsure = typeof out === 'string' ? false : out.unsure;
    const kind = path.startsWith('src/handlers/') ? 'handler' : 'generated';
    return {
      path,
      contents: text,
      kind,
      nodeIds,
      needsPrettier: unsure || hasLongCodeLine(text),
    } as const;
  };
  const plain = (path: string, contents: string, nodeIds: string[] = []): DraftFile => ({
    path,
    contents,
    kind: 'generated',
    nodeIds,
    needsPrettier: false,
  });
  const workerIds = model.workers.map((w) => w.node.id);
  const scheduled = model.producers.filter((p) => p.node.config.arrival.type === 'schedule');
  const files: DraftFile[] = [
    plain('README.md', file(readme(model))),
    plain('package.json', packageJson(model)),
    plain('tsconfig.json', TSCONFIG_JSON),
    plain('.env.example', envExample(model)),
    plain('.gitignore', GITIGNORE),
    plain('Dockerfile', DOCKERFILE),
    plain('docker-compose.yml', file(dockerCompose(model)), workerIds),
    ts('src/main.ts', mainFile(model)),
    ts('src/connection.ts', connectionFile(model)),
    ts(
      'src/queues.ts',
      queuesFile(model),
      model.queues.map((q) => q.node.id),
    ),
    ts(
      'src/schedulers.ts',
      schedulersFile(model),
      scheduled.map((p) => p.node.id),
    ),
    ts('src/load.ts', loadFile(model)),
    ts('src/arrivals.ts', ARRIVALS_TS),
    ts('src/simulate.ts', SIMULATE_TS),
    ...(hasFlows(model) ? [ts('src/flows.ts', { text: flowsFile(), unsure: true })] : []),
    ...model.workers
      .map((w) => ts(`src/workers/${w.names.file}.ts`, workerFile(w), [w.node.id]))
      .sort(byPath),
    ...model.workers
      .map((w) =>
        ts(
          `src/handlers/${w.names.file}.ts`,
          // A flow parent's handler takes its children's values: Prettier lays that out.
          { text: handlerFile(w), unsure: w.input.childResults.length > 0 },
          [w.node.id],
        ),
      )
      .sort(byPath),
    ...model.producers
      .map((p) => ts(`src/producers/${p.names.file}.ts`, producerFile(p), [p.node.id]))
      .sort(byPath),
  ];
  files.push(plain(MANIFEST_PATH, manifest(model, files)));
  return files;
}

function manifest(model: CodegenModel, files: readonly GeneratedFile[]): string {
  const list = (key: string, paths: string[], comma: string) => {
    const flat = `[${paths.map((p) => JSON.stringify(p)).join(', ')}]`;
    if (paths.length === 0 || `  "${key}": ${flat}${comma}`.length <= 100) return flat;
    return `[\n${paths.map((p) => `    ${JSON.stringify(p)}`).join(',\n')}\n  ]`;
  };
  const paths = [...files.map((f) => f.path), MANIFEST_PATH];
  const handlers = files.filter((f) => f.kind === 'handler').map((f) => f.path);
  return [
    '{',
    '  "generator": "pipewright",',
    `  "format": "${MANIFEST_FORMAT}",`,
    `  "pipeline": ${JSON.stringify(model.doc.name)},`,
    `  "files": ${list('files', paths, ',')},`,
    `  "handlers": ${list('handlers', handlers, '')}`,
    '}',
    '',
  ].join('\n');
}

/**
 * Generates the project for a pipeline: an ordered list of files, deterministic (same document →
 * same bytes), Prettier-formatted and compiling under `tsc --strict`. Pure: it touches no file;
 * main/services/export.ts writes the result. Throws CodegenError for a document that cannot run.
 */
export async function generateProject(doc: PipelineDocument): Promise<GeneratedFile[]> {
  const drafts = draftProject(doc);
  return Promise.all(
    drafts.map(async ({ needsPrettier, ...rest }) =>
      needsPrettier
        ? { ...rest, contents: await formatWithPrettier(rest.contents, 'typescript', rest.path) }
        : rest,
    ),
  );
}
