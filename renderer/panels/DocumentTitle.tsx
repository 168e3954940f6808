import { fileName } from '../documents/load';
import { useDocumentState } from '../state/document-store';
import { isDirty } from '../state/history';

/** The document's name, its file, and a dot while there are unsaved changes. */
export function DocumentTitle() {
  const name = useDocumentState((s) => s.document.name);
  const path = useDocumentState((s) => s.path);
  const dirty = useDocumentState(isDirty);
  return (
    <div className="doc-title" data-testid="doc-title" title={path ?? 'Not saved yet'}>
      <span className="doc-title__name">{name}</span>
      {dirty ? (
        <span
          className="doc-title__dirty"
          data-testid="dirty-marker"
          aria-label="Unsaved changes"
          title="Unsaved changes"
        >
          ●
        </span>
      ) : null}
      <span className="doc-title__file">{path ? fileName(path) : 'not saved'}</span>
    </div>
  );
}
