import { describe, expect, it } from 'vitest';
import { planRun } from '../../../../main/runner/plan';
import { buildModel, CodegenError } from '../../../../shared/codegen/model';
import {
  buildGraph,
  checkConnection,
  EDGE_KINDS,
  engineProblems,
  nextKind,
  previousKind,
  problemLine,
} from '../../../../shared/document/topology';
import type { PipelineDocument } from '../../../../shared/document/schema';
import { compileModel, SimulationModelError } from '../../../../shared/simulation/model';
import { validateDocument } from '../../../../shared/validation';
import { edge, pipeline, producer, queue, worker } from '../validation/build';

/** What `run` throws (undefined when it does not). */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const fanOut = () =>
  pipeline(
    [producer('p'), queue('q'), worker('w'), worker('w2'), queue('out'), queue('dlq')],
    [
      edge('p', 'q'),
      edge('q', 'w'),
      edge('q', 'w2'),
      edge('w', 'out', { probability: 0.5 }),
      edge('w', 'dlq', { on: 'failed' }),
      edge('w2', 'out'),
    ],
  );

describe('topology: the indexed view', () => {
  it('answers inputs, consumers, targets, routes and feeds from the legal edges only', () => {
    const doc = fanOut();
    // Illegal extras: a producer's failed edge and a producer → worker edge carry nothing.
    doc.edges.push(edge('p', 'dlq', { on: 'failed' }), edge('p', 'w'));
    const graph = buildGraph(doc);
    const ids = (edges: readonly { id: string }[]) => edges.map((e) => e.id);
    expect(graph.producers.map((n) => n.id)).toEqual(['p']);
    expect(graph.queues.map((n) => n.id)).toEqual(['q', 'out', 'dlq']);
    expect(graph.workers.map((n) => n.id)).toEqual(['w', 'w2']);
    expect(ids(graph.targets('p'))).toEqual(['p->q']);
    expect(graph.inputQueues('w').map((q) => q.id)).toEqual(['q']);
    expect(graph.inputEdge('w2')?.id).toBe('q->w2');
    expect(graph.consumers('q').map((w) => w.id)).toEqual(['w', 'w2']);
    expect(ids(graph.routes('w', 'completed'))).toEqual(['w->out']);
    expect(ids(graph.routes('w', 'failed'))).toEqual(['w->dlq:failed']);
    expect(ids(graph.routes('w'))).toEqual(['w->out', 'w->dlq:failed']);
    expect(ids(graph.feeds('dlq'))).toEqual(['w->dlq:failed']);
    expect(ids(graph.feeds('out'))).toEqual(['w->out', 'w2->out']);
    expect(graph.kindOf(doc.edges.find((e) => e.id === 'p->w')!)).toBeUndefined();
    expect(graph.kindOf(doc.edges.find((e) => e.id === 'p->dlq:failed')!)).toBeUndefined();
    expect(graph.kindOf(doc.edges[0]!)?.id).toBe('enqueue');
    expect(graph.kindOf({ id: 'new', from: 'w2', to: 'dlq', on: 'failed' })?.id).toBe('failed');
    expect(graph.inputEdge('nobody')).toBeUndefined();
  });

  it('has one row per legal edge, and the editor’s next and previous kinds follow it', () => {
    expect(EDGE_KINDS.map((k) => `${k.from}→${k.to}:${k.on}`)).toEqual([
      'producer→queue:completed',
      'queue→worker:completed',
      'worker→queue:completed',
      'worker→queue:failed',
    ]);
    expect([nextKind('producer'), nextKind('queue'), nextKind('worker')]).toEqual([
      'queue',
      'worker',
      'queue',
    ]);
    expect([previousKind('producer'), previousKind('queue'), previousKind('worker')]).toEqual([
      undefined,
      'producer',
      'queue',
    ]);
  });
});

describe('topology: one legality for the editor, the rules and every engine', () => {
  /** A document with one of each topology problem, and the message each site must give. */
  const broken = (): PipelineDocument =>
    pipeline(
      [
        producer('p'),
        queue('q'),
        queue('q2', {}, 'q'),
        queue('colon', {}, 'a:b'),
        worker('idle'),
        worker('two'),
      ],
      [
        edge('p', 'q'),
        edge('p', 'idle'),
        edge('q', 'two'),
        edge('colon', 'two'),
        edge('p', 'colon', { on: 'failed' }),
      ],
    );
  const expected = [
    'queue "a:b" contains ":", which BullMQ does not allow in a queue name',
    '2 queues are named "q"; BullMQ identifies a queue by its name, so they would be one queue',
    '2 queues are named "q"; BullMQ identifies a queue by its name, so they would be one queue',
    'edge "p" → "idle" joins a producer to a worker; a producer adds jobs to a queue, not to a worker',
    'failed edge "p" → "a:b" starts at producer "p", not at a worker; only a worker\'s failed jobs can be moved, and only into a queue',
    'worker "idle" has no input queue, so it never gets a job',
    'worker "two" consumes 2 queues ("q", "a:b"); a BullMQ worker consumes exactly one',
  ];

  it('gives BullMQ’s engines the validation rules’ findings, word for word', () => {
    const doc = broken();
    const problems = engineProblems(buildGraph(doc), 'bullmq');
    expect(problems.map((p) => p.message)).toEqual(expected);
    const shown = validateDocument(doc).filter((d) => d.severity === 'error');
    for (const p of problems) {
      expect(shown).toContainEqual({ ...p, severity: 'error' });
    }
    const plan = planRun(doc);
    expect(plan).toEqual({ ok: false, errors: problems.map(problemLine) });
    const codegen = thrown(() => buildModel(doc));
    expect(codegen).toBeInstanceOf(CodegenError);
    expect((codegen as CodegenError).diagnostics.map((d) => d.message)).toEqual(expected);
  });

  it('lets the simulator keep a worker without input idle and ignore BullMQ names', () => {
    const doc = broken();
    const sim = thrown(() => compileModel(doc));
    expect(sim).toBeInstanceOf(SimulationModelError);
    const problems = engineProblems(buildGraph(doc), 'simulator');
    expect(problems.map((p) => p.message)).toEqual([expected[3], expected[4], expected[6]]);
    expect((sim as SimulationModelError).problems).toEqual(problems.map(problemLine));
    const idle = fanOut();
    idle.nodes.push(worker('spare'));
    expect(compileModel(idle).workers.find((w) => w.node.id === 'spare')?.queue).toBe(-1);
  });

  it('compiles the same routes in the simulator, the runner and code generation', () => {
    const doc = fanOut();
    const sim = compileModel(doc);
    const plan = planRun(doc);
    const code = buildModel(doc);
    if (!plan.ok) throw new Error(plan.errors.join('\n'));
    const w = plan.plan.workers.get('w')!;
    expect(w.queueId).toBe('q');
    expect(w.onCompleted).toEqual([{ edgeId: 'w->out', queueId: 'out', probability: 0.5 }]);
    expect(w.onFailed).toEqual([{ edgeId: 'w->dlq:failed', queueId: 'dlq', probability: 1 }]);
    expect(plan.plan.producers.get('p')!.targets.map((h) => h.queueId)).toEqual(['q']);
    const simW = sim.workers[0]!;
    expect(sim.queues[simW.queue]!.node.id).toBe('q');
    expect(simW.completed.map((r) => [sim.queues[r.queue]!.node.id, r.probability])).toEqual([
      ['out', 0.5],
    ]);
    expect(simW.failed.map((r) => sim.queues[r.queue]!.node.id)).toEqual(['dlq']);
    expect(sim.queues[0]!.consumers).toEqual([0, 1]);
    const codeW = code.workers[0]!;
    expect(codeW.input.node.id).toBe('q');
    expect(codeW.routes.map((r) => [r.queue.node.id, r.probability])).toEqual([['out', 0.5]]);
    expect(codeW.deadLetters.map((r) => r.queue.node.id)).toEqual(['dlq']);
    expect(code.queues[0]!.consumers.map((c) => c.node.id)).toEqual(['w', 'w2']);
  });

  it('refuses in the editor what the rules would flag, saying why', () => {
    const doc = fanOut();
    expect(checkConnection(doc, 'p', 'w')).toEqual({
      ok: false,
      reason:
        'A producer adds jobs to a queue, not to a worker; put a queue between them: producer → queue → worker.',
    });
    expect(checkConnection(doc, 'p', 'out', 'failed')).toEqual({
      ok: false,
      reason: 'Only a worker has a "failed" output.',
    });
    expect(checkConnection(doc, 'out', 'w2')).toEqual({
      ok: false,
      reason:
        '"w2" already takes jobs from "q"; a worker consumes exactly one queue. Remove that edge first, or add another worker.',
    });
    expect(checkConnection(doc, 'w2', 'dlq', 'failed')).toEqual({ ok: true });
    expect(checkConnection(doc, 'w', 'dlq', 'failed')).toEqual({
      ok: false,
      reason: '"w" is already connected to "dlq".',
    });
  });
});
