import { ApiError } from '../../shared/api/contract';
import { parseDocumentBytes, serializeDocument } from '../../shared/document';
import { blankDocument } from '../editing/blank';
import { documentStore } from '../state/document-store';
import { isDirty, markSaved } from '../state/history';
import { openDialog, setUi, showErrors, showToast, uiStore } from '../state/ui-store';
import { host } from '../api/host';
import { errorsOf, messageOf } from './host-errors';
import { fileName, loadIntoEditor, suggestedFileName } from './load';

/** Asks before throwing away unsaved work. */
export function confirmDiscard(): boolean {
  const state = documentStore.getState();
  if (!isDirty(state)) return true;
  return window.confirm(
    `"${state.document.name}" has unsaved changes. Discard them?\n\nChoose Cancel, then Save, to keep them.`,
  );
}

const nativeDialogs = () => uiStore.getState().appInfo?.nativeDialogs === true;

async function refreshRecent(): Promise<void> {
  try {
    setUi({ recentFiles: await host()['documents:recent']({}) });
  } catch {
    // The list is a convenience; a failure here must not spoil a save or an open.
  }
}

/** New: a blank pipeline, or a copy of an example (unsaved until Save). */
export async function newDocument(exampleId?: string): Promise<void> {
  if (!confirmDiscard()) return;
  if (exampleId === undefined) {
    loadIntoEditor(blankDocument(), null);
    return;
  }
  try {
    const opened = await host()['documents:new']({ exampleId });
    loadIntoEditor(opened.document, null);
  } catch (error) {
    showErrors('Could not create the document', errorsOf(error));
  }
}

export async function openPath(path: string, { confirmed = false } = {}): Promise<boolean> {
  if (!confirmed && !confirmDiscard()) return false;
  try {
    const opened = await host()['documents:open']({ path });
    loadIntoEditor(opened.document, opened.path ?? path);
    void refreshRecent();
    return true;
  } catch (error) {
    showErrors(`Could not open ${fileName(path)}`, errorsOf(error));
    return false;
  }
}

/** Open: the host's dialog in the desktop app; a path field and recent files in web mode. */
export async function openCommand(): Promise<void> {
  if (!nativeDialogs()) {
    openDialog('open');
    return;
  }
  if (!confirmDiscard()) return;
  const picked = await host()['documents:pickOpen']({});
  if (picked) await openPath(picked.path, { confirmed: true });
}

/** Writes the document to `path`. Save As refuses to replace a file unless `overwrite`. */
export async function saveTo(
  path: string,
  { saveAs = false, overwrite = false } = {},
): Promise<{ ok: true } | { ok: false; exists: boolean; message: string }> {
  const state = documentStore.getState();
  const document = state.document;
  setUi({ busy: 'Saving…' });
  try {
    const saved = saveAs
      ? await host()['documents:saveAs']({ path, document, overwrite })
      : await host()['documents:save']({ path, document });
    // Later edits made while saving stay dirty: only what was written counts as saved.
    documentStore.setState(markSaved(documentStore.getState(), saved.path, document), true);
    showToast(`Saved ${fileName(saved.path)}`);
    void refreshRecent();
    return { ok: true };
  } catch (error) {
    const exists = error instanceof ApiError && error.code === 'already-exists';
    const message = messageOf(error);
    if (!exists) showToast(`Could not save: ${message}`, 'error');
    return { ok: false, exists, message };
  } finally {
    setUi({ busy: null });
  }
}

export async function saveAsCommand(): Promise<void> {
  if (!nativeDialogs()) {
    openDialog('save-as');
    return;
  }
  const name = documentStore.getState().document.name;
  const picked = await host()['documents:pickSave']({ suggestedName: suggestedFileName(name) });
  if (picked) await saveTo(picked.path, { saveAs: true, overwrite: true });
}

export async function saveCommand(): Promise<void> {
  const path = documentStore.getState().path;
  if (path === null) await saveAsCommand();
  else await saveTo(path);
}

/**
 * Import: reads a JSON file chosen in the browser into a new, unsaved document. Bytes are decoded
 * strictly (parseDocumentBytes), as the host reads files, so U+FFFD in a name survives.
 */
export function importBytes(bytes: Uint8Array, name: string): boolean {
  const parsed = parseDocumentBytes(bytes);
  if (!parsed.ok) {
    showErrors(`Could not import ${name}`, parsed.errors);
    return false;
  }
  if (!confirmDiscard()) return false;
  loadIntoEditor(parsed.document, null, { dirty: true });
  showToast(`Imported ${name}`);
  return true;
}

export function importCommand(): void {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file)
      void file.arrayBuffer().then((buffer) => importBytes(new Uint8Array(buffer), file.name));
  });
  input.click();
}

/** Export: downloads the document as canonical pipewright/v1 JSON. */
export function exportCommand(): void {
  const doc = documentStore.getState().document;
  const blob = new Blob([serializeDocument(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = suggestedFileName(doc.name);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
