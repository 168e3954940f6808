import '../csp-safe-zod';
import type { PipelineDocument } from '../../shared/document';
import { generateOutcome, type GenerateOutcome } from './generate';

/**
 * Generates projects off the main thread, so a large pipeline (or Prettier's first load) never
 * stalls typing in the inspector. One request at a time, answered with its id.
 */
export interface GenerateRequest {
  id: number;
  document: PipelineDocument;
}
export interface GenerateResponse {
  id: number;
  outcome: GenerateOutcome;
}

/** The worker's global scope, typed without the WebWorker lib (it clashes with the DOM lib). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<GenerateRequest>) => void): void;
  postMessage(message: GenerateResponse): void;
};
scope.addEventListener('message', (event) => {
  const { id, document } = event.data;
  void generateOutcome(document).then((outcome) => {
    scope.postMessage({ id, outcome } satisfies GenerateResponse);
  });
});
