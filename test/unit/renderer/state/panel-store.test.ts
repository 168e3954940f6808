import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PANELS,
  loadPanelSizes,
  panelStore,
  setPanelSize,
} from '../../../../renderer/state/panel-store';

afterEach(() => panelStore.setState(DEFAULT_PANELS));

describe('panel store', () => {
  it('clamps panel sizes and remembers them, and survives corrupt storage', () => {
    const saved = new Map<string, string>();
    const storage = {
      setItem: (k: string, v: string) => void saved.set(k, v),
      getItem: (k: string) => saved.get(k) ?? null,
    };
    setPanelSize('right', 5000, storage);
    expect(panelStore.getState().right).toBe(560);
    setPanelSize('left', 10, storage);
    expect(panelStore.getState().left).toBe(140);
    expect(loadPanelSizes(storage)).toEqual({ left: 140, right: 560, bottom: 150 });
    expect(loadPanelSizes({ getItem: () => '{not json' })).toEqual(DEFAULT_PANELS);
    expect(loadPanelSizes({ getItem: () => '{"left":"wide"}' })).toEqual(DEFAULT_PANELS);
    expect(loadPanelSizes(undefined)).toEqual(DEFAULT_PANELS);
  });
});
