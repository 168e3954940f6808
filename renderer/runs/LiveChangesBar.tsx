import { keepLiveChangesAction } from '../actions/keep-live-changes';
import { runAction } from '../actions/run';
import { useDocumentState } from '../state/document-store';
import { clearOverrides, isRunActive, runStore, useRun } from '../state/run-store';
import { describeOverrides } from './live-overrides';

/** Keeps the live overrides in the design (one undoable edit) and clears them from the canvas. */
export async function keepLiveChanges(): Promise<void> {
  await runAction(keepLiveChangesAction, { overrides: runStore.getState().overrides });
  clearOverrides();
}

/**
 * After a run was steered: which values on the canvas are live overrides, with a way to keep
 * them as the design's values or go back to the design.
 */
export function LiveChangesBar() {
  const overrides = useRun((s) => s.overrides);
  const active = useRun(isRunActive);
  const document = useDocumentState((s) => s.document);
  if (active) return null;
  const lines = describeOverrides(document, overrides);
  if (lines.length === 0) return null;
  return (
    <div className="live-changes" data-testid="live-changes-bar">
      <span className="live-changes__text">
        <b>Changed live:</b> {lines.join('; ')}.
      </span>
      <button
        type="button"
        className="btn btn--primary"
        data-testid="live-changes-keep"
        onClick={() => void keepLiveChanges()}
        title="Make these the design's values (one edit; Undo brings the design back)"
      >
        Keep in design
      </button>
      <button
        type="button"
        className="btn"
        data-testid="live-changes-discard"
        onClick={clearOverrides}
        title="Show the design's values again; the document is not changed"
      >
        Discard
      </button>
    </div>
  );
}
