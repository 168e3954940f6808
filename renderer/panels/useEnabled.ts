import { currentActionState } from '../actions/run';
import type { AnyAction } from '../actions/registry';
import { useDocumentState } from '../state/document-store';
import { useSelection } from '../state/selection-store';

/** Whether an action can run now; re-evaluated when the document or the selection changes. */
export function useEnabled(action: AnyAction): boolean {
  const doc = useDocumentState((s) => s);
  const selection = useSelection((s) => s);
  if (!action.enabled) return true;
  return action.enabled({ ...currentActionState(), doc, selection });
}
