import { afterEach, describe, expect, it } from 'vitest';
import { runMonitorAction } from '../../../../renderer/actions/run-monitor';
import { runStartAction } from '../../../../renderer/actions/run-start';
import { runStopAction } from '../../../../renderer/actions/run-stop';
import { cancelSimulationAction } from '../../../../renderer/actions/simulate';
import { handleEffect } from '../../../../renderer/documents/effects';
import { initialRunState, runStore } from '../../../../renderer/state/run-store';
import { stateOf, welcomeDoc } from './fixtures';

afterEach(() => {
  runStore.setState(initialRunState(), true);
});

/** The run actions take the editor's state and return what to do; they call no controller. */
describe('run actions', () => {
  it('ask to start a run of the open document, when none is on and the host is idle', async () => {
    const state = stateOf(welcomeDoc());
    expect(runStartAction.enabled?.(state)).toBe(true);
    expect(await runStartAction.perform(state, undefined)).toEqual({
      effects: [{ type: 'run', command: 'start', document: state.doc.document }],
    });
    expect(runStartAction.enabled?.({ ...state, run: { active: true, busy: null } })).toBe(false);
    expect(runStartAction.enabled?.({ ...state, run: { active: false, busy: 'starting' } })).toBe(
      false,
    );
    const empty = stateOf({ ...welcomeDoc(), nodes: [], edges: [] });
    expect(runStartAction.enabled?.(empty)).toBe(false);
  });

  it('ask to stop a run that is on and not already stopping', async () => {
    const idle = stateOf();
    expect(runStopAction.enabled?.(idle)).toBe(false);
    const on = { ...idle, run: { active: true, busy: null } };
    expect(runStopAction.enabled?.(on)).toBe(true);
    expect(runStopAction.enabled?.({ ...on, run: { active: true, busy: 'stopping' } })).toBe(false);
    expect(await runStopAction.perform(on, undefined)).toEqual({
      effects: [{ type: 'run', command: 'stop' }],
    });
  });

  it('ask to cancel only a running simulation', async () => {
    expect(cancelSimulationAction.enabled?.(stateOf())).toBe(false);
    expect(cancelSimulationAction.enabled?.({ ...stateOf(), simulating: true })).toBe(true);
    expect(await cancelSimulationAction.perform(stateOf(), undefined)).toEqual({
      effects: [{ type: 'simulation', command: 'cancel' }],
    });
  });

  it('open the monitor through the dispatcher, which alone touches the run store', async () => {
    const result = await runMonitorAction.perform(stateOf(), undefined);
    expect(result).toEqual({ effects: [{ type: 'run', command: 'monitor' }] });
    expect(runStore.getState().monitorDialog).toBe(false);
    await handleEffect(result.effects![0]!);
    expect(runStore.getState().monitorDialog).toBe(true);
  });
});
