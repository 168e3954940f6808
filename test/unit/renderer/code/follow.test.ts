import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { codeKey, followDocument } from '../../../../renderer/code/follow';
import type { GenerateOutcome } from '../../../../renderer/code/generate';
import { inlineGenerator, type Generator } from '../../../../renderer/code/generator';
import { welcomeDoc } from './fixtures';

/** A document source like the document store: set() replaces the document and notifies. */
function source(initial: PipelineDocument) {
  let doc = initial;
  const listeners = new Set<() => void>();
  return {
    getDocument: () => doc,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: PipelineDocument) {
      doc = next;
      for (const l of listeners) l();
    },
    listeners,
  };
}

/** The real generator, counting how many documents it was given and how many ran at once. */
function countingGenerator() {
  const inner = inlineGenerator();
  const stats = { calls: 0, running: 0, mostAtOnce: 0 };
  const generator: Generator = {
    async generate(doc) {
      stats.calls++;
      stats.running++;
      stats.mostAtOnce = Math.max(stats.mostAtOnce, stats.running);
      try {
        return await inner.generate(doc);
      } finally {
        stats.running--;
      }
    },
    dispose: () => undefined,
  };
  return { generator, stats };
}

const withConcurrency = (doc: PipelineDocument, concurrency: number): PipelineDocument => ({
  ...doc,
  nodes: doc.nodes.map((n) =>
    n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency } } : n,
  ),
});

const workerFile = (outcome: GenerateOutcome | undefined) =>
  outcome?.ok ? outcome.files.find((f) => f.path === 'src/workers/email-sender.ts')?.contents : '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('following the pipeline', () => {
  it('generates at once, then once per burst of edits, with the last edit', async () => {
    const docs = source(welcomeDoc());
    const { generator, stats } = countingGenerator();
    const outcomes: GenerateOutcome[] = [];
    const stop = followDocument({
      ...docs,
      generator,
      debounceMs: 40,
      onOutcome: (o) => outcomes.push(o),
    });
    await expect.poll(() => outcomes.length).toBe(1);
    expect(workerFile(outcomes[0])).toContain('concurrency: 10,');

    for (const c of [11, 12, 13, 14]) {
      docs.set(withConcurrency(docs.getDocument(), c));
      await sleep(5);
    }
    await expect.poll(() => outcomes.length).toBe(2);
    await sleep(80);
    expect(outcomes).toHaveLength(2);
    expect(stats.calls).toBe(2);
    expect(workerFile(outcomes[1])).toContain('concurrency: 14,');
    stop();
    expect(docs.listeners.size).toBe(0);
  });

  it('does not regenerate when only positions change', async () => {
    const docs = source(welcomeDoc());
    const { generator, stats } = countingGenerator();
    let outcomes = 0;
    const stop = followDocument({
      ...docs,
      generator,
      debounceMs: 10,
      onOutcome: () => outcomes++,
    });
    await expect.poll(() => outcomes).toBe(1);
    const moved = {
      ...docs.getDocument(),
      nodes: docs
        .getDocument()
        .nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: 7 } })),
    };
    expect(codeKey(moved)).toBe(codeKey(welcomeDoc()));
    docs.set(moved);
    await sleep(60);
    expect(stats.calls).toBe(1);
    stop();
  });

  it('never runs two generations at a time, and ends on the latest document', async () => {
    const docs = source(welcomeDoc());
    const { generator, stats } = countingGenerator();
    const outcomes: GenerateOutcome[] = [];
    const stop = followDocument({
      ...docs,
      generator,
      debounceMs: 0,
      onOutcome: (o) => outcomes.push(o),
    });
    for (let c = 2; c <= 30; c++) {
      docs.set(withConcurrency(docs.getDocument(), c));
      await sleep(1);
    }
    await expect.poll(() => workerFile(outcomes.at(-1))).toContain('concurrency: 30,');
    expect(stats.mostAtOnce).toBe(1);
    stop();
  });

  it('reports what keeps a pipeline from becoming code', async () => {
    const doc = { ...welcomeDoc(), edges: [] };
    const docs = source(doc);
    const outcomes: GenerateOutcome[] = [];
    const stop = followDocument({
      ...docs,
      generator: inlineGenerator(),
      debounceMs: 0,
      onOutcome: (o) => outcomes.push(o),
    });
    await expect.poll(() => outcomes.length).toBe(1);
    const [outcome] = outcomes;
    expect(outcome?.ok).toBe(false);
    expect(outcome && !outcome.ok && 'problems' in outcome && outcome.problems[0]?.nodeId).toBe(
      'sender',
    );
    stop();
  });

  it('drops a result that arrives after it stopped', async () => {
    const docs = source(welcomeDoc());
    let outcomes = 0;
    const stop = followDocument({
      ...docs,
      generator: inlineGenerator(),
      debounceMs: 0,
      onOutcome: () => outcomes++,
    });
    stop();
    await sleep(100);
    expect(outcomes).toBe(0);
  });
});
