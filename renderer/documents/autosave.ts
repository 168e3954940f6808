import type { PipelineDocument } from '../../shared/document';
import { documentStore } from '../state/document-store';
import { isDirty } from '../state/history';
import { host } from '../api/host';

/** How often unsaved work is copied to the recovery folder. */
export const AUTOSAVE_MS = 3000;

/** One key per editor session, so two windows do not overwrite each other's recovery file. */
export const sessionKey = (): string =>
  `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Every few seconds, writes the document to the host's recovery folder if it has unsaved changes
 * that were not written yet; clears the recovery file once the document is saved or discarded.
 */
export function connectAutosave(key: string, everyMs = AUTOSAVE_MS): () => void {
  let written: PipelineDocument | null = null;
  const tick = async () => {
    const state = documentStore.getState();
    if (isDirty(state)) {
      if (state.document === written) return;
      written = state.document;
      await host()
        ['recovery:write']({ key, document: state.document })
        .catch(() => {
          written = null; // Try again next tick.
        });
    } else if (written !== null) {
      written = null;
      await host()
        ['recovery:clear']({ key })
        .catch(() => undefined);
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  return () => clearInterval(timer);
}
