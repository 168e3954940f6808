import type { PipelineDocument } from '../../shared/document';
import type { Diagnostic } from '../../shared/validation';
import { computeDiagnostics, type Validate } from '../state/diagnostics-store';
import { createDeltaWriter } from './document-delta';
import type { CheckRequest, CheckResponse } from './validation.worker';

/**
 * The largest pipeline checked on the UI thread. The checks cost about 3 µs per node once the
 * engine is warm (1.5 ms for 500 nodes), so up to here a check stays under about 3 ms.
 */
const INLINE_MAX_NODES = 1000;

/**
 * Validation where it costs least. A pipeline of up to INLINE_MAX_NODES nodes is checked on this
 * thread in the edit's own task, so the problems and badges change in the frame that shows the
 * edit: an answer from a worker would arrive after that frame and cost a second one. A larger
 * pipeline is checked in a Web Worker, so a keystroke never costs the UI thread more than posting
 * it. (The worker starts with the first such pipeline.) Where no worker can start, or
 * one fails, everything runs here.
 */
export function createValidator(): Validate {
  let worker: Worker | null = null;
  let failed = false;
  let next = 0;
  const describe = createDeltaWriter();
  const waiting = new Map<number, { doc: PipelineDocument; resolve: Resolve }>();
  const start = (): Worker | null => {
    try {
      worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      failed = true;
      return null;
    }
    worker.onmessage = ({ data }: MessageEvent<CheckResponse>) => {
      const entry = waiting.get(data.id);
      waiting.delete(data.id);
      entry?.resolve(data.diagnostics ?? computeDiagnostics(entry.doc));
    };
    worker.onerror = () => {
      failed = true;
      for (const { doc, resolve } of waiting.values()) resolve(computeDiagnostics(doc));
      waiting.clear();
    };
    return worker;
  };
  return (doc: PipelineDocument) => {
    if (failed || doc.nodes.length <= INLINE_MAX_NODES) return computeDiagnostics(doc);
    const checker = worker ?? start();
    if (!checker) return computeDiagnostics(doc);
    const id = ++next;
    return new Promise<readonly Diagnostic[]>((resolve) => {
      waiting.set(id, { doc, resolve });
      checker.postMessage({ id, doc: describe(doc) } satisfies CheckRequest);
    });
  };
}

type Resolve = (diagnostics: readonly Diagnostic[]) => void;
