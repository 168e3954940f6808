import { isRunActive, useRun } from '../state/run-store';

/** "Run", with a pulsing dot while a run is on. */
export function RunTabLabel() {
  const active = useRun(isRunActive);
  return (
    <>
      Run
      {active ? <span className="run-banner__dot run-tab-dot" aria-label="running" /> : null}
    </>
  );
}

/** "Log", with the number of errors logged by the run. */
export function LogTabLabel() {
  const errors = useRun((s) => s.log.entries.filter((e) => e.level === 'error').length);
  return (
    <>
      Log
      {errors > 0 ? <span className="bottom-tab__count">{errors}</span> : null}
    </>
  );
}
