import type { RunEffect, SimulationEffect } from '../actions/types';
import { startRun, stopRun } from '../runs/run-controller';
import { cancelSimulation, startSimulation } from '../simulation/session';
import { setMonitorDialog } from '../state/run-store';
import { showToast } from '../state/ui-store';

/**
 * Carries out what the run and simulation actions ask for: the actions take the editor's state
 * and return these effects; only here do the run controller and the simulator get called.
 * Starting and stopping go on in the background, as a click on the toolbar would.
 */
export function performWork(effect: RunEffect | SimulationEffect): void {
  if (effect.type === 'run') {
    switch (effect.command) {
      case 'start':
        void startRun(effect.document);
        return;
      case 'stop':
        void stopRun();
        return;
      case 'monitor':
        setMonitorDialog(true);
        return;
    }
  }
  if (effect.command === 'cancel') return cancelSimulation();
  const problem = startSimulation(effect.document, effect.settings);
  if (problem) showToast(problem, 'warning');
}
