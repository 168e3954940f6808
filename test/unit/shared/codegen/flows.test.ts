import { describe, expect, it } from 'vitest';
import { generateProject } from '../../../../shared/codegen';
import { reportFlow } from '../validation/flow-fixtures';
import { edge, queue, worker } from '../validation/build';

/** Generated code for BullMQ flows (docs/architecture.md "Flows"). */

const fileOf = async (doc: Parameters<typeof generateProject>[0]) => {
  const files = await generateProject(doc);
  return (path: string) => files.find((f) => f.path === path)?.contents;
};

describe('code generation of flows', () => {
  it('adds the flow in the fanning worker, with its counts and policy', async () => {
    const file = await fileOf(
      reportFlow({
        children: { type: 'uniform', min: 2, max: 8 },
        childFailure: 'ignoreDependencyOnFailure',
      }),
    );
    const split = file('src/workers/split.ts')!;
    expect(split).toContain("import { addFlow, createFlowProducer, type Flow } from '../flows';");
    expect(split).toMatch(
      /queue: 'parts',\s+min: 2,\s+max: 8,\s+options: \{ ignoreDependencyOnFailure: true \},\s+tag: 'parts',/,
    );
    expect(split).toContain('await addFlow(flows, job, FLOW, result);');
    expect(split).toContain('await flows.close();');
    expect(file('src/flows.ts')).toContain('new FlowProducer({ connection, prefix: PREFIX })');
    // The parent queue's worker reads its children's values, typed.
    expect(file('src/queues.ts')).toContain('export type AssembleChildValue = RenderResult;');
    expect(file('src/workers/merge.ts')).toContain(
      'return handle(job, await job.getChildrenValues<ChildValue>());',
    );
    expect(file('src/handlers/merge.ts')).toMatch(/_children: Record<string, AssembleChildValue>/);
    expect(file('README.md')).toContain(
      'adds a BullMQ flow (`src/flows.ts`): 2–8 children to `"parts"` (ignoreDependencyOnFailure), then a parent job to `"assemble"` once they are done',
    );
    // A worker without a flow stays as before.
    expect(file('src/workers/render.ts')).not.toContain('flows');
  });

  it("types a nested flow's children values with the inner parents' results", async () => {
    const doc = reportFlow(
      {},
      {
        nodes: [queue('done', {}, 'done'), worker('close', {}, 'close')],
        edges: [
          { ...edge('render', 'done', { on: 'parent' }), id: 'inner-join' },
          { ...edge('render', 'assemble', { on: 'children' }), id: 'inner-fan' },
          edge('done', 'close'),
        ],
      },
    );
    const file = await fileOf(doc);
    expect(file('src/queues.ts')).toContain(
      'export type AssembleChildValue = RenderResult | CloseResult;',
    );
    expect(file('src/queues.ts')).toContain('export type DoneChildValue = MergeResult;');
  });

  it('emits no flow code for a pipeline without flows', async () => {
    const doc = reportFlow();
    doc.edges = doc.edges.filter((e) => e.on !== 'parent');
    // The children edge becomes a completed edge: a plain chain.
    doc.edges = doc.edges.map(({ on, children, ...rest }) =>
      on === 'children' && children !== undefined ? rest : { on, children, ...rest },
    );
    const file = await fileOf(doc);
    expect(file('src/flows.ts')).toBeUndefined();
    expect(file('src/queues.ts')).not.toContain('ChildValue');
  });
});
