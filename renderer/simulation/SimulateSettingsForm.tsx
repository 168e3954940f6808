import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useDocument } from '../state/document-store';
import { setSimulateSettings, simulateSettings } from './session';
import {
  DEFAULT_SETTINGS,
  formatDuration,
  resolveSettings,
  SettingsError,
  type SimulateSettings,
} from './settings';
import './simulation.css';

function Row({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <label className={`sim-form__row${error ? ' is-invalid' : ''}`}>
      <span className="sim-form__label">{label}</span>
      {children}
      {error ? (
        <span className="sim-form__error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="sim-form__hint">{hint}</span>
      ) : null}
    </label>
  );
}

/**
 * The settings of the next simulation: horizon (simulated time or jobs), warm-up, seed,
 * replications and snapshot interval. Remembered between runs and sessions.
 */
export function SimulateSettingsForm({
  onClose,
  onRun,
}: {
  onClose: () => void;
  onRun: () => void;
}) {
  const doc = useDocument();
  const [form, setForm] = useState<SimulateSettings>(simulateSettings);
  const [error, setError] = useState<SettingsError | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const set = (patch: Partial<SimulateSettings>) => {
    setForm({ ...form, ...patch });
    setError(null);
  };
  const errorFor = (field: keyof SimulateSettings) =>
    error?.field === field ? error.message : null;
  let autoInterval = '';
  try {
    autoInterval = formatDuration(
      resolveSettings({ ...form, interval: '' }, doc).options.snapshotIntervalMs ?? 0,
    );
  } catch {
    // The other fields are invalid for now; their own messages say so on submit.
  }

  const submit = () => {
    try {
      resolveSettings(form, doc);
    } catch (e) {
      if (e instanceof SettingsError) return setError(e);
      throw e;
    }
    setSimulateSettings(form);
    onRun();
  };

  return (
    <form
      className="sim-form"
      role="dialog"
      aria-label="Simulation settings"
      data-testid="simulate-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="sim-form__title">Simulate without Redis</div>
      <div className="sim-form__horizon" role="radiogroup" aria-label="Run for">
        <label>
          <input
            type="radio"
            name="horizon"
            checked={form.horizon === 'duration'}
            onChange={() => set({ horizon: 'duration' })}
          />
          simulated time
        </label>
        <label>
          <input
            type="radio"
            name="horizon"
            checked={form.horizon === 'jobs'}
            onChange={() => set({ horizon: 'jobs' })}
          />
          number of jobs
        </label>
      </div>
      {form.horizon === 'duration' ? (
        <Row label="Duration" hint="e.g. 10m, 90s, 1h30m" error={errorFor('duration')}>
          <input
            ref={first}
            className="input"
            value={form.duration}
            onChange={(e) => set({ duration: e.currentTarget.value })}
            aria-label="Duration"
          />
        </Row>
      ) : (
        <Row label="Jobs" hint="created after the warm-up" error={errorFor('jobs')}>
          <input
            ref={first}
            className="input"
            inputMode="numeric"
            value={form.jobs}
            onChange={(e) => set({ jobs: e.currentTarget.value })}
            aria-label="Jobs"
          />
        </Row>
      )}
      <Row label="Warm-up" hint="left out of the figures" error={errorFor('warmup')}>
        <input
          className="input"
          value={form.warmup}
          onChange={(e) => set({ warmup: e.currentTarget.value })}
          aria-label="Warm-up"
        />
      </Row>
      <div className="sim-form__pair">
        <Row label="Seed" hint="same seed, same results" error={errorFor('seed')}>
          <input
            className="input"
            inputMode="numeric"
            value={form.seed}
            onChange={(e) => set({ seed: e.currentTarget.value })}
            aria-label="Seed"
          />
        </Row>
        <Row label="Replications" hint="± 95% confidence" error={errorFor('replications')}>
          <input
            className="input"
            inputMode="numeric"
            value={form.replications}
            onChange={(e) => set({ replications: e.currentTarget.value })}
            aria-label="Replications"
          />
        </Row>
      </div>
      <Row label="Snapshot every" hint="the timeline's resolution" error={errorFor('interval')}>
        <input
          className="input"
          value={form.interval}
          placeholder={autoInterval ? `auto (${autoInterval})` : 'auto'}
          onChange={(e) => set({ interval: e.currentTarget.value })}
          aria-label="Snapshot interval"
        />
      </Row>
      <div className="sim-form__buttons">
        <button
          type="button"
          className="btn btn--small"
          onClick={() => {
            setForm({ ...DEFAULT_SETTINGS });
            setError(null);
          }}
        >
          Defaults
        </button>
        <span className="sim-form__spacer" />
        <button type="button" className="btn btn--small" onClick={onClose}>
          Close
        </button>
        <button type="submit" className="btn btn--small btn--primary" data-testid="simulate-run">
          Simulate
        </button>
      </div>
    </form>
  );
}
