import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planRun } from '../../../../main/runner/plan';
import { buildModel, CodegenError } from '../../../../shared/codegen/model';
import { parseDocumentText, serializeDocument } from '../../../../shared/document';
import { buildGraph, engineProblems, problemLine } from '../../../../shared/document/topology';
import { compileModel, SimulationModelError } from '../../../../shared/simulation/model';
import { validateDocument } from '../../../../shared/validation';
import { reportFlow } from '../validation/flow-fixtures';

/** Flows in the format, the topology and each engine's acceptance (docs/architecture.md "Flows"). */

const examples = join(import.meta.dirname, '../../../../resources/examples');

describe('flows in the document', () => {
  it('round-trips a flow to the same bytes, flow fields after probability', () => {
    const doc = reportFlow({
      children: { type: 'uniform', min: 2, max: 8 },
      childFailure: 'ignoreDependencyOnFailure',
    });
    const text = serializeDocument(doc);
    expect(text).toContain(
      '"on": "children",\n      "children": {\n        "type": "uniform",\n        "min": 2,\n        "max": 8\n      },\n      "childFailure": "ignoreDependencyOnFailure"',
    );
    const read = parseDocumentText(text);
    expect(read).toEqual({ ok: true, document: doc });
    expect(serializeDocument((read as { document: typeof doc }).document)).toBe(text);
  });

  it('opens every example unchanged: old files stay byte-identical on save', () => {
    for (const file of readdirSync(examples).filter((f) => f.endsWith('.pipewright.json'))) {
      const text = readFileSync(join(examples, file), 'utf8');
      const read = parseDocumentText(text);
      if (!read.ok) throw new Error(`${file}: ${JSON.stringify(read.errors)}`);
      expect(serializeDocument(read.document)).toBe(text);
    }
  });

  it.each([
    [{ children: -1 }, 'edges[2].children'],
    [{ children: 2.5 }, 'edges[2].children'],
    [{ children: { type: 'uniform', min: 4, max: 2 } }, 'edges[2].children.max'],
    [{ childFailure: 'failParent' }, 'edges[2].childFailure'],
    [{ on: 'fan-out' }, 'edges[2].on'],
  ])('refuses a malformed flow field %j at its path', (extra, path) => {
    const doc = JSON.parse(serializeDocument(reportFlow())) as { edges: object[] };
    doc.edges[2] = { ...doc.edges[2], ...extra };
    const read = parseDocumentText(JSON.stringify(doc));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors.map((e) => e.path)).toContain(path);
  });

  it('classifies children and parent edges and counts them as routes into their queues', () => {
    const graph = buildGraph(reportFlow());
    expect(graph.routes('split', 'children').map((e) => e.to)).toEqual(['parts']);
    expect(graph.routes('split', 'parent').map((e) => e.to)).toEqual(['assemble']);
    expect(graph.routes('split', 'completed')).toEqual([]);
    expect(graph.feeds('assemble').map((e) => e.id)).toEqual(['join']);
  });
});

describe('flows in the engines', () => {
  it('are simulated, with no problem and no diagnostic error', () => {
    const doc = reportFlow();
    expect(validateDocument(doc).filter((d) => d.severity === 'error')).toEqual([]);
    const model = compileModel(doc);
    const split = model.workers.findIndex((w) => w.node.id === 'split');
    expect(model.fanOuts[split]).toMatchObject({ children: [{ min: 4, max: 4, policy: 0 }] });
  });

  it('are planned by the runner and modelled by code generation', () => {
    const doc = reportFlow({
      children: { type: 'uniform', min: 2, max: 8 },
      childFailure: 'failParentOnFailure',
    });
    expect(engineProblems(buildGraph(doc), 'bullmq')).toEqual([]);
    const plan = planRun(doc);
    if (!plan.ok) throw new Error(plan.errors.join('; '));
    expect(plan.plan.workers.get('split')!.fanOut).toEqual({
      parentEdgeId: 'join',
      parentQueueId: 'assemble',
      children: [
        {
          edgeId: 'fan',
          queueId: 'parts',
          min: 2,
          max: 8,
          options: { failParentOnFailure: true },
        },
      ],
    });
    expect(plan.plan.workers.get('render')!.fanOut).toBeUndefined();
    const model = buildModel(doc);
    expect(model.workers.find((w) => w.node.id === 'split')!.fanOut).toMatchObject({
      parent: { node: { id: 'assemble' } },
      children: [{ queue: { node: { id: 'parts' } }, min: 2, max: 8 }],
    });
  });

  it('an ill-shaped flow is refused by every engine in the rules’ words', () => {
    const doc = reportFlow({ children: 0 }, { parent: false });
    const problems = engineProblems(buildGraph(doc), 'bullmq').map(problemLine);
    expect(problems).toHaveLength(2);
    expect(planRun(doc)).toEqual({ ok: false, errors: problems });
    expect(() => buildModel(doc)).toThrow(CodegenError);
  });

  it('an ill-shaped flow is refused by the simulator in the rules’ words', () => {
    const doc = reportFlow({ children: 0 }, { parent: false });
    const shown = validateDocument(doc).filter((d) => d.rule.startsWith('flow-'));
    expect(shown.map((d) => d.rule)).toEqual(['flow-join', 'flow-children']);
    let thrown: unknown;
    try {
      compileModel(doc);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SimulationModelError);
    expect((thrown as SimulationModelError).problems).toEqual(
      shown.map((d) => `${d.message} (${d.hint})`),
    );
  });
});
