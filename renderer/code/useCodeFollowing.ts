import { useEffect } from 'react';
import { documentStore } from '../state/document-store';
import { applyOutcome, codeStore } from '../state/code-store';
import { followDocument } from './follow';
import { createGenerator, type Generator } from './generator';

/** Quiet time after the last edit before the code is regenerated. */
export const REGENERATE_AFTER_MS = 150;

let generator: Generator | null = null;
/** One generator (one Web Worker) for the app's lifetime: Prettier loads into it once. */
export const sharedGenerator = (): Generator => (generator ??= createGenerator());

/** While mounted, the Code panel's project follows the open pipeline. */
export function useCodeFollowing(): void {
  useEffect(
    () =>
      followDocument({
        getDocument: () => documentStore.getState().document,
        subscribe: (listener) => documentStore.subscribe(listener),
        generator: sharedGenerator(),
        debounceMs: REGENERATE_AFTER_MS,
        onStart: () => codeStore.setState({ pending: true }),
        onOutcome: applyOutcome,
      }),
    [],
  );
}
