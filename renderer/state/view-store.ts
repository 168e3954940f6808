import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** What the status bar shows besides the host: the canvas zoom and a long task in progress. */
export interface ViewState {
  zoom: number;
  /** A file operation in progress ('Saving…'), or null. */
  busy: string | null;
}

export const viewStore = createStore<ViewState>()(() => ({ zoom: 1, busy: null }));

export function useView<T>(selector: (state: ViewState) => T): T {
  return useStore(viewStore, selector);
}

export const setZoom = (zoom: number): void => viewStore.setState({ zoom });
export const setBusyMessage = (busy: string | null): void => viewStore.setState({ busy });
