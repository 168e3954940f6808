import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppInfo, ExampleInfo, RecentFile } from '../../shared/api/contract';
import type { DocumentError, PipelineDocument } from '../../shared/document';

export type ThemePreference = 'system' | 'light' | 'dark';
export type DialogName =
  'new' | 'open' | 'save-as' | 'quick-add' | 'about' | 'errors' | 'export-code';

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'warning' | 'error';
  /** Screen position for a hint next to the pointer; absent for a toast in the corner. */
  at?: { x: number; y: number };
}

export interface RecoveryEntry {
  key: string;
  savedAt: string;
  document: PipelineDocument;
}

export interface PanelSizes {
  left: number;
  right: number;
  bottom: number;
}

/** Everything the editor shows besides the document and the selection. */
export interface UiState {
  themePreference: ThemePreference;
  systemTheme: 'light' | 'dark';
  dialog: DialogName | null;
  /** Problems to show in the 'errors' dialog, e.g. for a file that could not be opened. */
  errors: { title: string; errors: DocumentError[] } | null;
  renamingNodeId: string | null;
  toast: Toast | null;
  panels: PanelSizes;
  appInfo: AppInfo | null;
  recentFiles: RecentFile[];
  examples: ExampleInfo[];
  recovery: RecoveryEntry[];
  /** Web mode: the host connection dropped and is being retried. */
  connection: 'connecting' | 'connected' | 'disconnected' | 'closed';
  zoom: number;
  busy: string | null;
}

export const DEFAULT_PANELS: PanelSizes = { left: 184, right: 320, bottom: 150 };

export const uiStore = createStore<UiState>()(() => ({
  themePreference: 'system',
  systemTheme: 'light',
  dialog: null,
  errors: null,
  renamingNodeId: null,
  toast: null,
  panels: DEFAULT_PANELS,
  appInfo: null,
  recentFiles: [],
  examples: [],
  recovery: [],
  connection: 'connecting',
  zoom: 1,
  busy: null,
}));

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}

export const setUi = (patch: Partial<UiState>): void => uiStore.setState(patch);

export const effectiveTheme = (s: UiState): 'light' | 'dark' =>
  s.themePreference === 'system' ? s.systemTheme : s.themePreference;

export const openDialog = (dialog: DialogName): void => uiStore.setState({ dialog });
export const closeDialog = (): void => uiStore.setState({ dialog: null, errors: null });

export function showErrors(title: string, errors: DocumentError[]): void {
  uiStore.setState({ dialog: 'errors', errors: { title, errors } });
}

let toastId = 0;
export function showToast(message: string, tone: Toast['tone'] = 'info', at?: Toast['at']): number {
  const id = ++toastId;
  uiStore.setState({ toast: at ? { id, message, tone, at } : { id, message, tone } });
  return id;
}

export function dismissToast(id?: number): void {
  const current = uiStore.getState().toast;
  if (current && (id === undefined || current.id === id)) uiStore.setState({ toast: null });
}

const PANELS_KEY = 'pipewright.panels';

/** Panel sizes survive a reload; a corrupt or missing entry falls back to the defaults. */
export function loadPanelSizes(storage: Pick<Storage, 'getItem'> | undefined): PanelSizes {
  try {
    const raw = storage?.getItem(PANELS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Partial<Record<keyof PanelSizes, unknown>>;
      const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
      return {
        left: num(p.left, DEFAULT_PANELS.left),
        right: num(p.right, DEFAULT_PANELS.right),
        bottom: num(p.bottom, DEFAULT_PANELS.bottom),
      };
    }
  } catch {
    // Storage unavailable or corrupt: defaults.
  }
  return DEFAULT_PANELS;
}

export function setPanelSize(
  which: keyof PanelSizes,
  size: number,
  storage?: Pick<Storage, 'setItem'>,
): void {
  const limits = { left: [140, 420], right: [240, 560], bottom: [60, 480] } as const;
  const [min, max] = limits[which];
  const panels = {
    ...uiStore.getState().panels,
    [which]: Math.round(Math.min(max, Math.max(min, size))),
  };
  uiStore.setState({ panels });
  try {
    storage?.setItem(PANELS_KEY, JSON.stringify(panels));
  } catch {
    // Not persisted; the size still applies for this session.
  }
}
