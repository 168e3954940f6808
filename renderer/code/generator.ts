import type { PipelineDocument } from '../../shared/document';
import type { GenerateRequest, GenerateResponse } from './codegen.worker';
import { generateOutcome, type GenerateOutcome } from './generate';

/** Turns documents into projects: in a Web Worker where there is one, else on this thread. */
export interface Generator {
  generate(doc: PipelineDocument): Promise<GenerateOutcome>;
  dispose(): void;
}

export const inlineGenerator = (): Generator => ({
  generate: generateOutcome,
  dispose: () => undefined,
});

interface Waiting {
  document: PipelineDocument;
  resolve(outcome: GenerateOutcome): void;
}

/**
 * A generator on a Web Worker, so a large pipeline (or Prettier's first load) never stalls typing.
 * Should the worker fail to start or crash, it carries on on this thread.
 */
export function createGenerator(): Generator {
  if (typeof Worker === 'undefined') return inlineGenerator();
  let worker: Worker | null;
  try {
    worker = new Worker(new URL('./codegen.worker.ts', import.meta.url), {
      type: 'module',
      name: 'codegen',
    });
  } catch {
    return inlineGenerator();
  }
  let nextId = 0;
  const waiting = new Map<number, Waiting>();
  const fallBack = () => {
    worker?.terminate();
    worker = null;
    for (const { document, resolve } of waiting.values())
      void generateOutcome(document).then(resolve);
    waiting.clear();
  };
  worker.addEventListener('message', (event: MessageEvent<GenerateResponse>) => {
    const entry = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    entry?.resolve(event.data.outcome);
  });
  worker.addEventListener('error', fallBack);
  worker.addEventListener('messageerror', fallBack);
  return {
    generate(document) {
      if (!worker) return generateOutcome(document);
      const id = ++nextId;
      const target = worker;
      return new Promise((resolve) => {
        waiting.set(id, { document, resolve });
        target.postMessage({ id, document } satisfies GenerateRequest);
      });
    },
    dispose() {
      worker?.terminate();
      worker = null;
      for (const { resolve } of waiting.values()) resolve({ ok: false, message: 'cancelled' });
      waiting.clear();
    },
  };
}
