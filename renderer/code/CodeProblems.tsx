import type { Diagnostic } from '../../shared/validation';
import { canvasView } from '../canvas/view';
import { selectionOf, setSelection } from '../state/selection-store';

const sentence = (text: string): string =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;

/** Why the pipeline cannot become code yet; a click goes to the node or edge concerned. */
export function CodeProblems({
  problems,
  stale,
}: {
  problems: readonly Diagnostic[];
  /** Code of an earlier version is still shown below. */
  stale: boolean;
}) {
  return (
    <div className="code-problems" role="status" data-testid="code-problems">
      <p className="code-problems__title">
        The pipeline cannot become code yet
        {stale ? ' — showing the code of its last version that could.' : '.'}
      </p>
      <ul>
        {problems.map((d, i) => (
          <li key={`${d.nodeId ?? d.edgeId ?? ''}-${i}`}>
            <button
              type="button"
              className="code-problems__item"
              disabled={!d.nodeId && !d.edgeId}
              onClick={() => {
                if (d.nodeId) {
                  setSelection(selectionOf([d.nodeId]));
                  canvasView()?.reveal([d.nodeId]);
                } else if (d.edgeId) setSelection(selectionOf([], [d.edgeId]));
              }}
            >
              {sentence(d.message)} <span className="code-problems__hint">{sentence(d.hint)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
