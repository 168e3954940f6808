import { validateDocument, type Diagnostic } from '../../shared/validation';
import { createTheoryDiffer } from '../analysis/theory-diff';
import type { TheoryPatch } from '../state/theory-store';
import { createDeltaReader, type DocumentDelta } from './document-delta';

/**
 * Checks the document off the UI thread: the validation rules and the queueing theory of every
 * station. A 500-node pipeline must not delay a keystroke, and one answer with both means one
 * repaint after an edit, not two.
 */
export interface CheckRequest {
  id: number;
  doc: DocumentDelta;
}
export interface CheckResponse {
  id: number;
  diagnostics?: Diagnostic[];
  error?: string;
  /** Stations whose figures changed since the previous answer (apply every answer, in order). */
  theory: TheoryPatch;
}

const scope = self as unknown as {
  postMessage(message: CheckResponse): void;
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
};

const theoryOf = createTheoryDiffer();
const documentOf = createDeltaReader();

scope.onmessage = ({ data }) => {
  const doc = documentOf(data.doc);
  const theory = theoryOf(doc);
  try {
    scope.postMessage({ id: data.id, diagnostics: validateDocument(doc), theory });
  } catch (error) {
    scope.postMessage({
      id: data.id,
      error: error instanceof Error ? error.message : String(error),
      theory,
    });
  }
};
