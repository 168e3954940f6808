import type { PipelineDocument } from '../../shared/document';
import type { Diagnostic } from '../../shared/validation';
import { computeDiagnostics, type Validate } from '../state/diagnostics-store';

/**
 * Validation in a Web Worker, so checking a large pipeline never costs the UI thread more than
 * posting it. Where no worker can start, or one fails, validation runs here instead.
 */
export function createValidator(): Validate {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./validation.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return computeDiagnostics;
  }
  let next = 0;
  const waiting = new Map<number, (diagnostics: readonly Diagnostic[] | null) => void>();
  worker.onmessage = ({ data }: MessageEvent<{ id: number; diagnostics?: Diagnostic[] }>) => {
    waiting.get(data.id)?.(data.diagnostics ?? null);
    waiting.delete(data.id);
  };
  let broken = false;
  worker.onerror = () => {
    broken = true;
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  return (doc: PipelineDocument) => {
    if (broken) return computeDiagnostics(doc);
    const id = ++next;
    return new Promise<readonly Diagnostic[]>((resolve) => {
      waiting.set(id, (diagnostics) => resolve(diagnostics ?? computeDiagnostics(doc)));
      worker.postMessage({ id, doc });
    });
  };
}
