import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** Sizes of the resizable panels, in pixels. */
export interface PanelSizes {
  left: number;
  right: number;
  bottom: number;
}

export const DEFAULT_PANELS: PanelSizes = { left: 184, right: 320, bottom: 150 };

export const panelStore = createStore<PanelSizes>()(() => ({ ...DEFAULT_PANELS }));

export function usePanelSize(which: keyof PanelSizes): number {
  return useStore(panelStore, (s) => s[which]);
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
  const panels: PanelSizes = {
    ...panelStore.getState(),
    [which]: Math.round(Math.min(max, Math.max(min, size))),
  };
  panelStore.setState(panels);
  try {
    storage?.setItem(PANELS_KEY, JSON.stringify(panels));
  } catch {
    // Not persisted; the size still applies for this session.
  }
}
