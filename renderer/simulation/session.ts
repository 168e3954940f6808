import type { PipelineDocument } from '../../shared/document';
import { makeRoomBelow } from '../analysis/panel-room';
import { analysisStore, setBottomTab } from '../state/analysis-store';
import { createSimulationController, type SimulationController } from './controller';
import { createInThreadWorker } from './in-thread-worker';
import type { WorkerLike } from './protocol';
import { loadSettings, saveSettings, SettingsError, type SimulateSettings } from './settings';

/**
 * The app's one simulation controller and the settings it uses. The Web Worker is created on the
 * first Simulate; where workers are unavailable the same code runs on this thread in slices.
 */

function createBrowserWorker(): WorkerLike {
  try {
    const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
      type: 'module',
    });
    return worker as unknown as WorkerLike;
  } catch {
    return createInThreadWorker();
  }
}

let controller: SimulationController | null = null;
let settings: SimulateSettings | null = null;

const storage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

export function simulationController(): SimulationController {
  controller ??= createSimulationController(
    typeof Worker === 'undefined' ? createInThreadWorker : createBrowserWorker,
    { fallback: createInThreadWorker },
  );
  return controller;
}

/** Replaces the controller (tests run it over the in-thread worker). */
export function setSimulationController(next: SimulationController | null): void {
  controller?.dispose();
  controller = next;
}

export function simulateSettings(): SimulateSettings {
  settings ??= loadSettings(storage());
  return settings;
}

export function setSimulateSettings(next: SimulateSettings): void {
  settings = next;
  saveSettings(next, storage());
}

/** Room for the results: the bottom panel grows to at least this height when a run starts. */
const RESULTS_HEIGHT = 300;

/**
 * Simulates `doc` with the current settings. Returns a message for the user when the settings
 * are wrong (nothing starts then).
 */
export function startSimulation(
  doc: PipelineDocument,
  with_: SimulateSettings = simulateSettings(),
): string | null {
  try {
    simulationController().start(doc, with_);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  if (analysisStore.getState().bottomTab === 'problems') setBottomTab('results');
  makeRoomBelow(
    RESULTS_HEIGHT,
    doc.nodes.map((n) => n.id),
  );
  return null;
}

export function cancelSimulation(): void {
  controller?.cancel();
}

export const isSimulating = (): boolean => controller?.running ?? false;
