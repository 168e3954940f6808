import { documentStore } from '../state/document-store';
import { isDirty, type DocumentState } from '../state/history';
import { host } from '../api/host';
import { fileName } from './load';

/** `● Welcome emails — Pipewright`: the name, with a dot while there are unsaved changes. */
export function windowTitle(state: DocumentState): string {
  const where = state.path ? ` (${fileName(state.path)})` : '';
  return `${isDirty(state) ? '● ' : ''}${state.document.name}${where} — Pipewright`;
}

/** Keeps the page title and the host's window (close prompt, title bar) in step. */
export function connectTitle(): () => void {
  let last = '';
  const sync = (state: DocumentState) => {
    const title = windowTitle(state);
    const dirty = isDirty(state);
    const key = `${dirty}|${title}`;
    if (key === last) return;
    last = key;
    document.title = title;
    host()
      ['window:setDirty']({ dirty, title })
      .catch(() => undefined);
  };
  sync(documentStore.getState());
  return documentStore.subscribe(sync);
}
