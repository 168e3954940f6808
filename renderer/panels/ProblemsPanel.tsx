import type { Diagnostic } from '../../shared/validation';
import { canvasView } from '../canvas/view';
import { documentStore, useDocumentState } from '../state/document-store';
import { useDiagnostics, useDiagnosticsWhere } from '../state/diagnostics-store';
import { selectionOf, setSelection } from '../state/selection-store';
import { plural } from '../../shared/plural';

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Selects the node or edge a diagnostic is about and brings it into view. */
function focus(d: Diagnostic): void {
  if (d.nodeId) {
    setSelection(selectionOf([d.nodeId]));
    canvasView()?.fit([d.nodeId]);
  } else if (d.edgeId) {
    setSelection(selectionOf([], [d.edgeId]));
    const edge = documentStore.getState().document.edges.find((e) => e.id === d.edgeId);
    if (edge) canvasView()?.fit([edge.from, edge.to]);
  }
}

/**
 * Live diagnostics from the validation rules; click one to go to it. It reads only the
 * diagnostics store, so typing in the inspector does not redraw the list.
 */
export function ProblemsPanel() {
  const diagnostics = useDiagnostics();
  const where = useDiagnosticsWhere();
  const empty = useDocumentState((s) => s.document.nodes.length === 0);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <section className="problems" aria-label="Problems" data-testid="problems">
      <h2 className="panel-title">
        Problems
        <span className="problems__counts">
          {diagnostics.length === 0
            ? 'none'
            : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}
        </span>
      </h2>
      {diagnostics.length === 0 ? (
        <p className="problems__empty">
          {empty
            ? 'Checks run as you draw: missing connections, names BullMQ refuses, queues that will grow without bound.'
            : 'No problems found. The pipeline is consistent and every queue keeps up with its load.'}
        </p>
      ) : (
        <ul className="problems__list">
          {diagnostics.map((d, i) => (
            <li key={`${d.rule}-${d.nodeId ?? d.edgeId ?? ''}-${i}`}>
              <button
                type="button"
                className={`problem problem--${d.severity}`}
                onClick={() => focus(d)}
                data-testid="problem"
              >
                <span className="problem__icon" aria-label={d.severity}>
                  {d.severity === 'error' ? '!' : '▲'}
                </span>
                <span className="problem__where">{where[i]}</span>
                <span className="problem__message">{sentence(d.message)}</span>
                <span className="problem__hint">{sentence(d.hint)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
