import { readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CodegenError, generateProject } from '../../../shared/codegen';
import {
  parseDocumentValue,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../../shared/document';
import { exportProject } from '../../../main/services/export';
import { HOSTILE_NAMES } from '../../helpers/arbitrary-document';
import {
  linkNodeModules,
  removeDir,
  tempDir,
  typeCheck,
  typeCheckProject,
  unformattedFiles,
} from './support/project';

const position = { x: 0, y: 0 };
const queueNames = HOSTILE_NAMES.filter((n) => !n.includes(':'));

/** A queue per hostile name, a worker per queue, a producer per queue: all named with them. */
function hostileDocument(): PipelineDocument {
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  queueNames.forEach((name, i) => {
    nodes.push({ id: `q${i}`, kind: 'queue', name, position, config: { attempts: 2 } });
    nodes.push({
      id: `w${i}`,
      kind: 'worker',
      name: HOSTILE_NAMES[(i + 1) % HOSTILE_NAMES.length]!,
      position,
      config: { concurrency: 1, replicas: 1, service: { type: 'fixed', ms: 1 } },
    });
    nodes.push({
      id: `p${i}`,
      kind: 'producer',
      name,
      position,
      config: {
        jobName: name,
        arrival: { type: 'constant', ratePerSec: 1 },
        payload: { [name]: name },
      },
    });
    edges.push({ id: `in${i}`, from: `q${i}`, to: `w${i}` });
    edges.push({ id: `p${i}`, from: `p${i}`, to: `q${i}` });
    edges.push({ id: `next${i}`, from: `w${i}`, to: `q${(i + 1) % queueNames.length}` });
  });
  const parsed = parseDocumentValue({
    format: 'pipewright/v1',
    name: '*/ ${x} `hostile` \u2028 pipeline',
    description: '```\nnot a fence\n```\n\n\n# not a heading',
    nodes,
    edges,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

function listAll(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() && !entry.isSymbolicLink() ? [path, ...listAll(path)] : [path];
  });
}

/** The BullMQ names in src/queues.ts, read with the TypeScript parser. */
function queueNamesInCode(source: string): string[] {
  const file = ts.createSourceFile('queues.ts', source, ts.ScriptTarget.ES2022);
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      node.name.getText(file) === 'QUEUE_NAMES' &&
      node.initializer &&
      ts.isAsExpression(node.initializer) &&
      ts.isObjectLiteralExpression(node.initializer.expression)
    ) {
      for (const property of node.initializer.expression.properties) {
        if (ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) {
          names.push(property.initializer.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}

describe('hostile node names', () => {
  it('stay inside the output folder, compile, and survive as BullMQ queue names', async () => {
    const files = await generateProject(hostileDocument());
    const sandbox = tempDir('hostile');
    try {
      const out = join(sandbox, 'out');
      await exportProject(out, files);
      // Nothing outside `out`, and every file where its path says.
      expect(readdirSync(sandbox)).toEqual(['out']);
      const written = listAll(out).map((p) => relative(out, p));
      for (const file of files) expect(written).toContain(join(...file.path.split('/')));
      for (const path of listAll(out)) {
        expect(relative(realpathSync(out), realpathSync(path)).startsWith('..')).toBe(false);
      }
      const lower = files.map((f) => f.path.toLowerCase());
      expect(new Set(lower).size).toBe(files.length);
      for (const file of files) expect(file.path).toMatch(/^[A-Za-z0-9._/-]+$/);

      expect(await unformattedFiles(files)).toEqual([]);
      linkNodeModules(out);
      expect(typeCheck(out)).toEqual([]);
      expect(queueNamesInCode(readFileSync(join(out, 'src', 'queues.ts'), 'utf8'))).toEqual(
        queueNames,
      );
    } finally {
      removeDir(sandbox);
    }
  });

  it('compile in flows: fan-outs beside routes and dead letters, two children edges to one queue, nesting, every policy', async () => {
    const doc = hostileDocument();
    // The ring of certain completed edges would make each flow a cycle: make them uncertain.
    for (const edge of doc.edges) if (edge.id.startsWith('next')) edge.probability = 0.5;
    const flow = (id: string, from: string, to: string, extra: Partial<PipelineEdge>) => ({
      id,
      from,
      to,
      ...extra,
    });
    doc.edges = doc.edges.filter((e) => e.id !== 'next0' && e.id !== 'next1');
    doc.edges.push(
      flow('c0', 'w0', 'q1', {
        on: 'children',
        children: { type: 'uniform', min: 1, max: 3 },
        childFailure: 'failParentOnFailure',
      }),
      flow('c0b', 'w0', 'q1', { on: 'children', childFailure: 'removeDependencyOnFailure' }),
      flow('j0', 'w0', 'q2', { on: 'parent' }),
      // q1's worker fans out itself: a nested flow.
      flow('c1', 'w1', 'q3', { on: 'children', childFailure: 'ignoreDependencyOnFailure' }),
      flow('j1', 'w1', 'q4', { on: 'parent' }),
      // A fanning worker that also routes completed jobs and dead-letters failed ones.
      flow('r0', 'w0', 'q5', { probability: 0.5 }),
      flow('d0', 'w0', 'q6', { on: 'failed' }),
    );
    const files = await generateProject(doc);
    expect(files.map((f) => f.path)).toContain('src/flows.ts');
    expect(await unformattedFiles(files)).toEqual([]);
    expect(await typeCheckProject(files, 'hostile-flows')).toEqual([]);
  });

  it('refuses a queue name BullMQ cannot take, saying which and why', async () => {
    const doc = hostileDocument();
    const queue = doc.nodes.find((n) => n.kind === 'queue')!;
    queue.name = 'colon:name';
    const error = await generateProject(doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as CodegenError).diagnostics).toEqual([
      expect.objectContaining({ nodeId: queue.id, message: expect.stringContaining('":"') }),
    ]);
  });
});

describe('documents that cannot run', () => {
  const base = (): PipelineDocument => ({
    format: 'pipewright/v1',
    name: 'broken',
    nodes: [
      {
        id: 'p',
        kind: 'producer',
        name: 'p',
        position,
        config: { jobName: 'j', arrival: { type: 'poisson', ratePerSec: 1 } },
      },
      { id: 'q', kind: 'queue', name: 'q', position, config: {} },
      { id: 'q2', kind: 'queue', name: 'q', position, config: {} },
      {
        id: 'w',
        kind: 'worker',
        name: 'w',
        position,
        config: { concurrency: 1, replicas: 1, service: { type: 'fixed', ms: 1 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'p', to: 'w' },
      { id: 'e2', from: 'q', to: 'q2' },
    ],
  });

  it('names every problem with a hint', async () => {
    const error = (await generateProject(base()).catch((e: unknown) => e)) as CodegenError;
    expect(error).toBeInstanceOf(CodegenError);
    expect(error.diagnostics.map((d) => [d.nodeId ?? d.edgeId, d.message])).toEqual([
      [
        'q',
        '2 queues are named "q"; BullMQ identifies a queue by its name, so they would be one queue',
      ],
      [
        'q2',
        '2 queues are named "q"; BullMQ identifies a queue by its name, so they would be one queue',
      ],
      [
        'e1',
        'edge "p" → "w" joins a producer to a worker; a producer adds jobs to a queue, not to a worker',
      ],
      ['e2', 'edge "q" → "q" joins a queue to a queue; jobs leave a queue through a worker'],
      ['w', 'worker "w" has no input queue, so it never gets a job'],
    ]);
    for (const d of error.diagnostics) expect(d.hint).not.toBe('');
  });
});
