import type { PipelineDocument } from '../../shared/document';
import { validateDocument, type Diagnostic } from '../../shared/validation';

/** Runs the validation rules off the UI thread: a 500-node check must not delay a keystroke. */
const scope = self as unknown as {
  postMessage(message: { id: number; diagnostics?: Diagnostic[]; error?: string }): void;
  onmessage: ((event: MessageEvent<{ id: number; doc: PipelineDocument }>) => void) | null;
};

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ id: data.id, diagnostics: validateDocument(data.doc) });
  } catch (error) {
    scope.postMessage({
      id: data.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
};
