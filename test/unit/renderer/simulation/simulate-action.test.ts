import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installAnalysisLifecycle, isDocumentLoad } from '../../../../renderer/analysis/lifecycle';
import { actionForKey, getAction } from '../../../../renderer/actions/registry';
import { currentActionState, runAction, setEffectHandler } from '../../../../renderer/actions/run';
import { cancelSimulationAction, simulateAction } from '../../../../renderer/actions/simulate';
import { handleEffect } from '../../../../renderer/documents/effects';
import { MENU_ACTIONS } from '../../../../renderer/documents/menu';
import {
  isSimulating,
  setSimulateSettings,
  setSimulationController,
  simulateSettings,
} from '../../../../renderer/simulation/session';
import { DEFAULT_SETTINGS } from '../../../../renderer/simulation/settings';
import { analysisStore, resetAnalysisStore } from '../../../../renderer/state/analysis-store';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import { commit } from '../../../../renderer/state/history';
import { liveStore } from '../../../../renderer/state/live-store';
import { DEFAULT_PANELS, setPanelSize, uiStore } from '../../../../renderer/state/ui-store';
import { stateOf, welcomeDoc } from '../actions/fixtures';

const state = () => analysisStore.getState();

async function until(predicate: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: false,
  shiftKey: mods.shift ?? false,
  altKey: false,
});

// The shell's dispatcher carries out the effects the actions return, as in the app.
beforeEach(() => setEffectHandler(handleEffect));

afterEach(() => {
  setEffectHandler(null);
  // A fresh controller (over the in-thread worker: Node has no Web Worker) for the next test.
  setSimulationController(null);
  setSimulateSettings({ ...DEFAULT_SETTINGS });
  resetAnalysisStore();
  uiStore.setState({ panels: DEFAULT_PANELS, toast: null });
});

describe('simulate actions', () => {
  it('are registered with F5, Ctrl+Enter and Shift+F5, which work in fields too', () => {
    expect(getAction('simulate')).toBe(simulateAction);
    expect(getAction('cancel-simulation')).toBe(cancelSimulationAction);
    expect(actionForKey(key('F5'), false, false)?.id).toBe('simulate');
    expect(actionForKey(key('F5'), false, true)?.id).toBe('simulate');
    expect(actionForKey(key('Enter', { ctrl: true }), false, false)?.id).toBe('simulate');
    expect(actionForKey(key('F5', { shift: true }), false, true)?.id).toBe('cancel-simulation');
    expect(MENU_ACTIONS['run:simulate']).toBe(simulateAction);
  });

  it('need a producer to simulate, and a running simulation to cancel', () => {
    const empty = { ...welcomeDoc(), nodes: [], edges: [] };
    expect(simulateAction.enabled?.(stateOf(empty))).toBe(false);
    expect(simulateAction.enabled?.(stateOf())).toBe(true);
    expect(cancelSimulationAction.enabled?.(stateOf())).toBe(false);
  });

  it('simulate the open document, open the results and make room for them', async () => {
    loadDocument(welcomeDoc(), null);
    setSimulateSettings({ ...DEFAULT_SETTINGS, duration: '2m' });
    setPanelSize('bottom', 150);
    const effects = await runAction(simulateAction, undefined);
    expect(effects).toEqual([
      {
        type: 'simulation',
        command: 'start',
        document: documentStore.getState().document,
        settings: { ...DEFAULT_SETTINGS, duration: '2m' },
      },
    ]);
    expect(state().bottomTab).toBe('results');
    expect(uiStore.getState().panels.bottom).toBe(300);
    expect(cancelSimulationAction.enabled?.(currentActionState())).toBe(true);
    await until(() => state().status === 'done', 'the simulation');
    expect(isSimulating()).toBe(false);
    expect(state().summary?.document).toBe('Welcome emails');
    expect(state().meta?.document).toBe(documentStore.getState().document);
  });

  it('cancel a running simulation', async () => {
    loadDocument(welcomeDoc(), null);
    setSimulateSettings({ ...DEFAULT_SETTINGS, duration: '720h' });
    await runAction(simulateAction, undefined);
    await until(() => state().snapshots.length > 0, 'the first snapshots');
    expect(await runAction(cancelSimulationAction, undefined)).toEqual([
      { type: 'simulation', command: 'cancel' },
    ]);
    await until(() => state().status === 'cancelled', 'the cancel');
  });

  it('say what is wrong with the settings instead of starting', async () => {
    setSimulateSettings({ ...DEFAULT_SETTINGS, replications: 'many' });
    const result = await simulateAction.perform(stateOf(), undefined);
    expect(result.effects).toEqual([
      {
        type: 'toast',
        tone: 'warning',
        message: 'Replications must be a whole number from 1 to 100, got “many”',
      },
    ]);
    expect(state().status).toBe('idle');
    expect(simulateSettings().replications).toBe('many');
  });
});

describe('analysis lifecycle', () => {
  it('tells a load (New, Open) from an edit, an undo or a save', () => {
    loadDocument(welcomeDoc(), null);
    const loaded = documentStore.getState();
    const edited = commit(loaded, { ...loaded.document, name: 'x' });
    expect(isDocumentLoad(edited, loaded)).toBe(false);
    expect(isDocumentLoad({ ...loaded, path: '/saved.json' }, loaded)).toBe(false);
    loadDocument(welcomeDoc(), '/other.json');
    expect(isDocumentLoad(documentStore.getState(), edited)).toBe(true);
  });

  it('takes a simulation’s figures off the canvas when another document opens', async () => {
    const uninstall = installAnalysisLifecycle({
      request: () => 0,
      cancel: () => undefined,
      now: () => 0,
    });
    try {
      loadDocument(welcomeDoc(), null);
      setSimulateSettings({ ...DEFAULT_SETTINGS, duration: '1m' });
      await runAction(simulateAction, undefined);
      await until(() => state().status === 'done', 'the simulation');
      // Editing keeps them (marked stale by the views).
      documentStore.setState(
        commit(documentStore.getState(), { ...documentStore.getState().document, name: 'y' }),
      );
      expect(state().status).toBe('done');
      expect(liveStore.getState().t).not.toBeNull();
      loadDocument(welcomeDoc(), '/another.pipewright.json');
      expect(state().status).toBe('idle');
      expect(liveStore.getState().t).toBeNull();
    } finally {
      uninstall();
    }
  });
});
