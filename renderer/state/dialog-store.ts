import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DocumentError } from '../../shared/document';

export type DialogName =
  'new' | 'open' | 'save-as' | 'quick-add' | 'about' | 'errors' | 'export-code';

/** The open dialog, if any. */
export interface DialogState {
  dialog: DialogName | null;
  /** Problems to show in the 'errors' dialog, e.g. for a file that could not be opened. */
  errors: { title: string; errors: DocumentError[] } | null;
}

export const dialogStore = createStore<DialogState>()(() => ({ dialog: null, errors: null }));

export function useDialog<T>(selector: (state: DialogState) => T): T {
  return useStore(dialogStore, selector);
}

export const openDialog = (dialog: DialogName): void => dialogStore.setState({ dialog });
export const closeDialog = (): void => dialogStore.setState({ dialog: null, errors: null });

export function showErrors(title: string, errors: DocumentError[]): void {
  dialogStore.setState({ dialog: 'errors', errors: { title, errors } });
}
