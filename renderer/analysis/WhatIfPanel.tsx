import { useMemo, useState } from 'react';
import { parseDuration, type SimulateSettings } from '../simulation/settings';
import { simulateSettings, simulationController } from '../simulation/session';
import { setSweepTarget, useSweep } from '../state/sweep-store';
import { useDocument } from '../state/document-store';
import { formatProgress } from '../../shared/metrics/format';
import { makeRoomBelow } from './panel-room';
import {
  defaultRange,
  parameterKey,
  parameterOptions,
  sweepValues,
  type ParameterOption,
} from './sweep-form';
import { SweepResultView } from './SweepResultView';
import './results.css';

interface Form {
  key: string;
  from: string;
  to: string;
  step: string;
  replications: string;
  duration: string;
}

/** Room for the form, the answer and the chart. */
const SWEEP_HEIGHT = 380;

/** The form as last left, so switching tabs does not lose it. */
let remembered: Form | null = null;

function formFor(
  option: ParameterOption | undefined,
  doc: Parameters<typeof defaultRange>[0],
): Form {
  const range = option ? defaultRange(doc, option.parameter) : { from: 1, to: 10, step: 1 };
  return {
    key: option?.key ?? '',
    from: String(range.from),
    to: String(range.to),
    step: String(range.step),
    replications: remembered?.replications ?? '3',
    duration: remembered?.duration ?? '2m',
  };
}

/**
 * What-if: vary a worker's concurrency or replicas, or a producer's rate, over a range with
 * replications (in the simulation worker), chart p95 wait and utilisation against it, and answer
 * the smallest value that keeps p95 wait under a target.
 */
export function WhatIfPanel() {
  const doc = useDocument();
  const sweep = useSweep((s) => s);
  const options = useMemo(() => parameterOptions(doc), [doc]);
  const [form, setForm] = useState<Form>(() =>
    remembered && options.some((o) => o.key === remembered!.key)
      ? remembered
      : formFor(options.find((o) => o.parameter.kind === 'concurrency') ?? options[0], doc),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const [targetText, setTargetText] = useState(String(sweep.targetP95WaitMs));
  const change = (patch: Partial<Form>) => {
    const next = { ...form, ...patch };
    remembered = next;
    setForm(next);
    setProblem(null);
  };
  const option = options.find((o) => o.key === form.key);
  const running = sweep.status === 'running';

  const start = () => {
    if (!option) return setProblem('Choose what to vary');
    try {
      const values = sweepValues(
        { from: Number(form.from), to: Number(form.to), step: Number(form.step) },
        option.parameter,
      );
      const replications = Number(form.replications);
      if (!Number.isInteger(replications) || replications < 1 || replications > 30) {
        throw new RangeError('Replications must be a whole number from 1 to 30');
      }
      const durationMs = parseDuration(form.duration);
      if (durationMs === null || durationMs <= 0) {
        throw new RangeError(`“${form.duration}” is not a duration: write e.g. 2m, 90s or 1h`);
      }
      const target = Number(targetText);
      makeRoomBelow(
        SWEEP_HEIGHT,
        doc.nodes.map((n) => n.id),
      );
      const settings: SimulateSettings = simulateSettings();
      simulationController().sweep(
        doc,
        option.parameter,
        values,
        { durationMs, replications, seed: Number(settings.seed) || 1 },
        Number.isFinite(target) && target > 0 ? target : sweep.targetP95WaitMs,
      );
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  const setTarget = (text: string) => {
    setTargetText(text);
    const n = Number(text);
    if (Number.isFinite(n) && n > 0) setSweepTarget(n);
  };

  if (options.length === 0) {
    return (
      <p className="analysis-empty" data-testid="what-if">
        Add a worker or a producer: a what-if sweep varies a worker’s concurrency or replicas, or a
        producer’s rate, and finds the value that keeps waits under a target.
      </p>
    );
  }
  const shown = sweep.result && option && parameterKey(sweep.result.parameter) === option.key;
  return (
    <div className="sweep" data-testid="what-if">
      <form
        className="sweep__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) start();
        }}
      >
        <label>
          Vary
          <select
            className="input"
            value={form.key}
            onChange={(e) =>
              change(
                formFor(
                  options.find((o) => o.key === e.currentTarget.value),
                  doc,
                ),
              )
            }
            data-testid="sweep-parameter"
          >
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          from
          <input
            className="input input--short"
            value={form.from}
            onChange={(e) => change({ from: e.currentTarget.value })}
            data-testid="sweep-from"
          />
        </label>
        <label>
          to
          <input
            className="input input--short"
            value={form.to}
            onChange={(e) => change({ to: e.currentTarget.value })}
            data-testid="sweep-to"
          />
        </label>
        <label>
          step
          <input
            className="input input--short"
            value={form.step}
            onChange={(e) => change({ step: e.currentTarget.value })}
            data-testid="sweep-step"
          />
        </label>
        <label title="Independent runs per value; the answer holds with 95% confidence">
          runs
          <input
            className="input input--short"
            value={form.replications}
            onChange={(e) => change({ replications: e.currentTarget.value })}
            data-testid="sweep-replications"
          />
        </label>
        <label title="Simulated time per run">
          each
          <input
            className="input input--short"
            value={form.duration}
            onChange={(e) => change({ duration: e.currentTarget.value })}
            data-testid="sweep-duration"
          />
        </label>
        <label>
          p95 wait under
          <input
            className="input input--short"
            value={targetText}
            onChange={(e) => setTarget(e.currentTarget.value)}
            data-testid="sweep-target"
          />
          ms
        </label>
        {running ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => simulationController().cancelSweep()}
            data-testid="sweep-cancel"
          >
            Cancel {formatProgress(sweep.progress)}
          </button>
        ) : (
          <button type="submit" className="btn btn--small btn--primary" data-testid="sweep-run">
            Run sweep
          </button>
        )}
      </form>
      {problem ? (
        <p className="analysis-error" role="alert">
          {problem}
        </p>
      ) : null}
      {sweep.status === 'error' ? (
        <pre className="analysis-error" role="alert">
          {sweep.error}
        </pre>
      ) : null}
      {sweep.status === 'cancelled' ? <p className="muted">The sweep was cancelled.</p> : null}
      {shown && sweep.result ? (
        <SweepResultView result={sweep.result} target={sweep.targetP95WaitMs} />
      ) : null}
    </div>
  );
}
