import { currentActionState } from '../actions/run';
import type { AnyAction } from '../actions/registry';
import { useDocumentState } from '../state/document-store';
import { useSelection } from '../state/selection-store';

/**
 * Whether an action can run now. Both selectors compute the same answer from the latest state of
 * both stores; subscribing to both re-renders the button only when that answer changes.
 */
export function useEnabled(action: AnyAction): boolean {
  const enabled = action.enabled;
  const check = () =>
    enabled ? enabled(currentActionState(Date.now(), { withView: false })) : true;
  const byDocument = useDocumentState(check);
  const bySelection = useSelection(check);
  return byDocument && bySelection;
}
