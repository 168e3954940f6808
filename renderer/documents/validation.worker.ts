import '../csp-safe-zod';
import { validateDocument, type Diagnostic } from '../../shared/validation';
import { createDeltaReader, type DocumentDelta } from './document-delta';

/**
 * Runs the validation rules off the UI thread, so checking a 500-node pipeline never delays a
 * keystroke. (The queueing theory runs on the UI thread, in the edit's own task: see
 * analysis/theory.ts.)
 */
export interface CheckRequest {
  id: number;
  doc: DocumentDelta;
}
export interface CheckResponse {
  id: number;
  diagnostics?: Diagnostic[];
  error?: string;
}

const scope = self as unknown as {
  postMessage(message: CheckResponse): void;
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
};

const documentOf = createDeltaReader();

scope.onmessage = ({ data }) => {
  const doc = documentOf(data.doc);
  try {
    scope.postMessage({ id: data.id, diagnostics: validateDocument(doc) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage({ id: data.id, error: message });
  }
};
