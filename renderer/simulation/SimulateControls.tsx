import { useEffect, useRef, useState } from 'react';
import { formatShortcut } from '../actions/keyboard';
import { cancelSimulationAction, simulateAction } from '../actions/simulate';
import { runFromUi } from '../panels/ActionButton';
import { useEnabled } from '../panels/useEnabled';
import { useIsMac } from '../panels/usePlatform';
import { useAnalysis } from '../state/analysis-store';
import { formatProgress } from '../../shared/metrics/format';
import { SimulateSettingsForm } from './SimulateSettingsForm';
import './simulation.css';

/**
 * Simulate in the toolbar: runs the pipeline with the last settings, the arrow beside it opens
 * the settings; while a simulation runs the button cancels it and shows its progress.
 */
export function SimulateControls() {
  const isMac = useIsMac();
  const enabled = useEnabled(simulateAction);
  const running = useAnalysis((s) => s.source === 'simulation' && s.status === 'running');
  const progress = useAnalysis((s) => s.progress);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const shortcut = formatShortcut(simulateAction.shortcuts![0]!, isMac);
  const cancelShortcut = formatShortcut(cancelSimulationAction.shortcuts![0]!, isMac);
  return (
    <div className="simulate" ref={root}>
      {running ? (
        <button
          type="button"
          className="tool-btn tool-btn--label simulate__main simulate__main--running"
          data-action="cancel-simulation"
          data-tooltip={`Cancel the simulation (${cancelShortcut})`}
          aria-label={`Cancel the simulation (${cancelShortcut})`}
          onClick={() => void runFromUi(cancelSimulationAction)}
        >
          <span className="simulate__stop" aria-hidden="true" />
          <span>Cancel {formatProgress(progress)}</span>
        </button>
      ) : (
        <button
          type="button"
          className="tool-btn tool-btn--label simulate__main"
          data-action="simulate"
          data-tooltip={
            enabled
              ? `Simulate the pipeline without Redis (${shortcut})`
              : 'Add a producer to simulate'
          }
          aria-label={`Simulate (${shortcut})`}
          disabled={!enabled}
          onClick={() => void runFromUi(simulateAction)}
        >
          <span className="simulate__play" aria-hidden="true" />
          <span>Simulate</span>
        </button>
      )}
      <button
        type="button"
        className="tool-btn simulate__more"
        aria-label="Simulation settings"
        aria-expanded={open}
        data-tooltip="Simulation settings"
        data-testid="simulate-settings"
        onClick={() => setOpen(!open)}
      >
        ▾
      </button>
      {open ? (
        <SimulateSettingsForm
          onClose={() => setOpen(false)}
          onRun={() => {
            setOpen(false);
            void runFromUi(simulateAction);
          }}
        />
      ) : null}
    </div>
  );
}
