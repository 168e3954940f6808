import { setRunSettings, useRun } from '../state/run-store';

export const DURATIONS: ReadonlyArray<{ label: string; ms: number | null }> = [
  { label: 'Until I stop it', ms: null },
  { label: '10 seconds', ms: 10_000 },
  { label: '30 seconds', ms: 30_000 },
  { label: '1 minute', ms: 60_000 },
  { label: '5 minutes', ms: 300_000 },
  { label: '15 minutes', ms: 900_000 },
];

/** How the next run starts and stops. */
export function RunOptions() {
  const settings = useRun((s) => s.settings);
  return (
    <div className="run-options" data-testid="run-options">
      <label className="field">
        <span className="field__label">Run for</span>
        <select
          className="input"
          data-testid="run-duration"
          value={settings.durationMs === null ? '' : String(settings.durationMs)}
          onChange={(e) =>
            setRunSettings({ durationMs: e.target.value === '' ? null : Number(e.target.value) })
          }
        >
          {DURATIONS.map((d) => (
            <option key={d.label} value={d.ms === null ? '' : String(d.ms)}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          data-testid="run-drain"
          checked={settings.drain}
          onChange={(e) => setRunSettings({ drain: e.target.checked })}
        />
        Drain on stop
        <span className="check__help">Stop adding jobs, let the workers empty the queues.</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          data-testid="run-keep-keys"
          checked={settings.keepKeys}
          onChange={(e) => setRunSettings({ keepKeys: e.target.checked })}
        />
        Keep keys in Redis
        <span className="check__help">
          Leave the run’s jobs in Redis to inspect them afterwards.
        </span>
      </label>
    </div>
  );
}
