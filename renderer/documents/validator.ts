import type { PipelineDocument } from '../../shared/document';
import type { Diagnostic } from '../../shared/validation';
import { createTheoryDiffer } from '../analysis/theory-diff';
import { computeDiagnostics, type Validate } from '../state/diagnostics-store';
import { applyTheoryPatch } from '../state/theory-store';
import { createDeltaWriter } from './document-delta';
import type { CheckRequest, CheckResponse } from './validation.worker';

/** Validation and queueing theory on this thread (no worker could start, or it failed). */
function checkHere(): (doc: PipelineDocument) => readonly Diagnostic[] {
  // A fresh differ: its first patch replaces every station a worker may have sent.
  const theoryOf = createTheoryDiffer();
  return (doc) => {
    applyTheoryPatch(theoryOf(doc));
    return computeDiagnostics(doc);
  };
}

/**
 * Validation in a Web Worker, so checking a large pipeline never costs the UI thread more than
 * posting it. The same worker computes the queueing theory (the ρ badges and the inspector's
 * theory panel read it from the theory store). Where no worker can start, or one fails, both
 * run here instead.
 */
export function createValidator(): Validate {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return checkHere();
  }
  let next = 0;
  const describe = createDeltaWriter();
  const waiting = new Map<number, { doc: PipelineDocument; resolve: Resolve }>();
  worker.onmessage = ({ data }: MessageEvent<CheckResponse>) => {
    // Every answer's theory is applied, even for an outdated document: each patch builds on the last.
    applyTheoryPatch(data.theory);
    const entry = waiting.get(data.id);
    waiting.delete(data.id);
    entry?.resolve(data.diagnostics ?? computeDiagnostics(entry.doc));
  };
  let here: ((doc: PipelineDocument) => readonly Diagnostic[]) | null = null;
  worker.onerror = () => {
    here = checkHere();
    for (const { doc, resolve } of waiting.values()) resolve(here(doc));
    waiting.clear();
  };
  return (doc: PipelineDocument) => {
    if (here) return here(doc);
    const id = ++next;
    return new Promise<readonly Diagnostic[]>((resolve) => {
      waiting.set(id, { doc, resolve });
      worker.postMessage({ id, doc: describe(doc) } satisfies CheckRequest);
    });
  };
}

type Resolve = (diagnostics: readonly Diagnostic[]) => void;
