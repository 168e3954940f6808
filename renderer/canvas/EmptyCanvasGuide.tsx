import { newDocumentAction } from '../actions/file-actions';
import { quickAddAction } from '../actions/ui-actions';
import { runAction } from '../actions/run';
import { ShortcutText } from '../panels/ShortcutText';

/** Shown on an empty canvas: how to start, in three steps, plus a way to start from an example. */
export function EmptyCanvasGuide() {
  return (
    <div className="empty-guide" data-testid="empty-guide">
      <h2>Draw your pipeline</h2>
      <ol>
        <li>
          Drag a <b className="k-producer">producer</b>, a <b className="k-queue">queue</b> and a{' '}
          <b className="k-worker">worker</b> from the palette onto the canvas — or press{' '}
          <ShortcutText shortcut={quickAddAction.shortcuts?.[0] ?? ''} /> to add one by name.
        </li>
        <li>Connect them: drag from the dot on a node's right edge to the next node.</li>
        <li>Select a node to set its rate, retries, concurrency and timings on the right.</li>
      </ol>
      <div className="empty-guide__actions">
        <button
          type="button"
          className="btn"
          onClick={() => void runAction(quickAddAction, undefined)}
        >
          Quick add…
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void runAction(newDocumentAction, undefined)}
        >
          Start from an example…
        </button>
      </div>
    </div>
  );
}
