import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'warning' | 'error';
  /** Screen position for a hint next to the pointer; absent for a toast in the corner. */
  at?: { x: number; y: number };
}

/** The one toast on screen, if any. */
export interface ToastState {
  toast: Toast | null;
}

export const toastStore = createStore<ToastState>()(() => ({ toast: null }));

export function useToast(): Toast | null {
  return useStore(toastStore, (s) => s.toast);
}

let toastId = 0;
export function showToast(message: string, tone: Toast['tone'] = 'info', at?: Toast['at']): number {
  const id = ++toastId;
  toastStore.setState({ toast: at ? { id, message, tone, at } : { id, message, tone } });
  return id;
}

export function dismissToast(id?: number): void {
  const current = toastStore.getState().toast;
  if (current && (id === undefined || current.id === id)) toastStore.setState({ toast: null });
}
