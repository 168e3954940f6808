import type { PipelineDocument } from '../../shared/document';
import { canvasView } from '../canvas/view';
import { loadDocument } from '../state/document-store';
import { EMPTY_SELECTION, setSelection } from '../state/selection-store';
import { stopRenaming } from '../state/rename-store';

/** Puts a document in the editor (New, Open, Import, restore) and fits it in view once drawn. */
export function loadIntoEditor(
  document: PipelineDocument,
  path: string | null,
  options: { dirty?: boolean } = {},
): void {
  stopRenaming();
  setSelection(EMPTY_SELECTION);
  loadDocument(document, path, options);
  if (document.nodes.length === 0) {
    canvasView()?.reset();
    return;
  }
  // Nodes must be rendered and measured before the view can fit them.
  requestAnimationFrame(() =>
    requestAnimationFrame(() => canvasView()?.fit(undefined, { animate: false })),
  );
}

export const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** A file name for a document: its name in kebab case, with the pipeline extension. */
export function suggestedFileName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'pipeline'}.pipewright.json`;
}
