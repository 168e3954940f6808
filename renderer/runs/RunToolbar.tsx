import { useCallback, useState } from 'react';
import { formatShortcut } from '../actions/keyboard';
import { runAction } from '../actions/run';
import { runMonitorAction } from '../actions/run-monitor';
import { runStartAction } from '../actions/run-start';
import { runStopAction } from '../actions/run-stop';
import { useIsMac } from '../panels/usePlatform';
import { useDocumentState } from '../state/document-store';
import { isRunActive, useRun } from '../state/run-store';
import { MonitorDialog } from './MonitorDialog';
import { Popover } from './Popover';
import { RunIcon } from './RunIcon';
import { RunOptions } from './RunOptions';
import './runs.css';

const tip = (label: string, shortcut: string | undefined, isMac: boolean) =>
  shortcut ? `${label} (${formatShortcut(shortcut, isMac)})` : label;

/** Run ▸ / Stop ■, the run options, and the monitor: the real-run part of the toolbar. */
export function RunToolbar() {
  const isMac = useIsMac();
  const active = useRun(isRunActive);
  const busy = useRun((s) => s.busy);
  const monitoring = useRun((s) => s.monitor.phase !== 'idle');
  const dialog = useRun((s) => s.monitorDialog);
  const hasNodes = useDocumentState((s) => s.document.nodes.length > 0);
  const [options, setOptions] = useState(false);
  const closeOptions = useCallback(() => setOptions(false), []);
  const startTip = hasNodes
    ? tip('Run on BullMQ and Redis', runStartAction.shortcuts?.[0], isMac)
    : 'Draw or open a pipeline to run it';
  return (
    <div className="toolbar__group run-toolbar">
      {active ? (
        <button
          type="button"
          className="tool-btn tool-btn--label run-btn run-btn--stop"
          data-testid="run-stop"
          data-tooltip={tip('Stop the run', runStopAction.shortcuts?.[0], isMac)}
          disabled={busy === 'stopping'}
          onClick={() => void runAction(runStopAction, undefined)}
        >
          <RunIcon name="stop" filled />
          <span>{busy === 'stopping' ? 'Stopping…' : 'Stop'}</span>
        </button>
      ) : (
        <button
          type="button"
          className="tool-btn tool-btn--label run-btn run-btn--start"
          data-testid="run-start"
          data-tooltip={startTip}
          disabled={!hasNodes || busy !== null}
          onClick={() => void runAction(runStartAction, undefined)}
        >
          <RunIcon name="play" filled />
          <span>{busy === 'starting' ? 'Starting…' : 'Run'}</span>
        </button>
      )}
      <span className="run-anchor">
        <button
          type="button"
          className="tool-btn"
          aria-label="Run options"
          aria-expanded={options}
          data-tooltip="Run options"
          data-testid="run-options-toggle"
          onClick={() => setOptions((open) => !open)}
        >
          <RunIcon name="chevron" />
        </button>
        {options ? (
          <Popover label="Run options" onClose={closeOptions}>
            <RunOptions />
          </Popover>
        ) : null}
      </span>
      <button
        type="button"
        className={`tool-btn${monitoring ? ' tool-btn--on' : ''}`}
        aria-label={runMonitorAction.label}
        data-tooltip={monitoring ? 'Monitoring a Redis (read-only)' : 'Monitor an existing Redis'}
        data-testid="monitor-open"
        onClick={() => void runAction(runMonitorAction, undefined)}
      >
        <RunIcon name="monitor" />
      </button>
      {dialog ? <MonitorDialog /> : null}
    </div>
  );
}
