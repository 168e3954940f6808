import type { PipelineDocument } from '../../shared/document';
import { validateDocument, type Diagnostic } from '../../shared/validation';
import { createTheoryDiffer } from '../analysis/theory-diff';
import type { TheoryPatch } from '../state/theory-store';

/**
 * Checks the document off the UI thread: the validation rules and the queueing theory of every
 * station. A 500-node pipeline must not delay a keystroke, and one answer with both means one
 * repaint after an edit, not two.
 */
export interface CheckRequest {
  id: number;
  doc: PipelineDocument;
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

scope.onmessage = ({ data }) => {
  const theory = theoryOf(data.doc);
  try {
    scope.postMessage({ id: data.id, diagnostics: validateDocument(data.doc), theory });
  } catch (error) {
    scope.postMessage({
      id: data.id,
      error: error instanceof Error ? error.message : String(error),
      theory,
    });
  }
};
