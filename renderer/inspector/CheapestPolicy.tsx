import { useState } from 'react';
import type { WorkerNode } from '../../shared/document';
import { formatCount, formatMs, formatNumber, formatProgress } from '../../shared/metrics/format';
import {
  defaultAutoscaleGrid,
  type AutoscaleCandidate,
} from '../../shared/simulation/autoscale-sweep';
import type { PathKey } from '../editing/edit';
import { simulateSettings, simulationController } from '../simulation/session';
import { resolveSettings } from '../simulation/settings';
import { documentStore, useDocument } from '../state/document-store';
import { usePolicySearch } from '../state/policy-search-store';
import { hasScenario, listText, readPolicyForm, type PolicyForm } from './policy-form';
import type { Commit } from './values';

const TEXT_FIELDS = [
  ['p95', 'under (ms)'],
  ['targets', 'targets per replica'],
  ['maxes', 'max replicas'],
  ['mins', 'min replicas'],
  ['runs', 'runs each'],
] as const;

/** The form as last left per worker, so reselecting the worker does not lose it. */
const remembered = new Map<string, PolicyForm>();

function initialForm(worker: WorkerNode): PolicyForm {
  const grid = defaultAutoscaleGrid(documentStore.getState().document, worker.id);
  return {
    measure: 'wait',
    p95: '1000',
    targets: listText(grid.targetPerReplica),
    maxes: listText(grid.maxReplicas),
    mins: listText(grid.minReplicas),
    runs: '3',
  };
}

const policyText = (c: AutoscaleCandidate) =>
  `${formatNumber(c.policy.targetPerReplica)} per replica, ${c.policy.minReplicas ?? 1}–${c.policy.maxReplicas} replicas`;

/**
 * "Find cheapest policy": simulates a grid of policies through the scenario in the simulation
 * worker (cancellable) and offers the one with the fewest replica-seconds that holds the p95
 * target; applying it is an undoable edit of the worker.
 */
export function CheapestPolicy({
  worker,
  edit,
}: {
  worker: WorkerNode;
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const doc = useDocument();
  const search = usePolicySearch((s) => s);
  const [form, setForm] = useState<PolicyForm>(
    () => remembered.get(worker.id) ?? initialForm(worker),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const change = (patch: Partial<PolicyForm>) => {
    const next = { ...form, ...patch };
    remembered.set(worker.id, next);
    setForm(next);
    setProblem(null);
  };
  const mine = search.workerId === worker.id;
  const running = mine && search.status === 'running';
  const start = () => {
    try {
      const { grid, p95Ms, replications } = readPolicyForm(form);
      const { options } = resolveSettings(simulateSettings(), doc);
      const { durationMs, warmupMs, seed } = options;
      simulationController().findPolicy(doc, worker.id, { measure: form.measure, p95Ms }, grid, {
        durationMs,
        warmupMs,
        seed,
        replications,
      });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const apply = (c: AutoscaleCandidate) => edit(['config', 'autoscale'])(c.policy);
  const result = mine && search.status === 'done' ? search.result : null;
  const measure = form.measure === 'wait' ? 'wait' : 'end to end';
  return (
    <div className="policy-search" data-testid="policy-search">
      <h4 className="policy-search__title">Find the cheapest policy</h4>
      <p className="field__help">
        {hasScenario(doc)
          ? 'Each policy below is simulated through the scenario, with the Simulate settings.'
          : 'No scenario yet: each policy is simulated on the steady load (add events on the Scenario tab).'}
      </p>
      <form
        className="policy-search__form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) start();
        }}
      >
        <label>
          p95
          <select
            className="input"
            value={form.measure}
            onChange={(e) => change({ measure: e.currentTarget.value as PolicyForm['measure'] })}
            data-testid="policy-measure"
          >
            <option value="wait">wait</option>
            <option value="endToEnd">end to end</option>
          </select>
        </label>
        {TEXT_FIELDS.map(([key, label]) => (
          <label key={key}>
            {label}
            <input
              className="input"
              value={form[key]}
              onChange={(e) => change({ [key]: e.currentTarget.value })}
              data-testid={`policy-${key}`}
            />
          </label>
        ))}
        {running ? (
          <button
            type="button"
            className="btn btn--small"
            onClick={() => simulationController().cancelFindPolicy()}
            data-testid="policy-cancel"
          >
            Cancel {formatProgress(search.progress)}
          </button>
        ) : (
          <button type="submit" className="btn btn--small btn--primary" data-testid="policy-find">
            Find cheapest policy
          </button>
        )}
      </form>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {mine && search.status === 'error' ? (
        <p className="field__error" role="alert">
          {search.error}
        </p>
      ) : null}
      {mine && search.status === 'cancelled' ? (
        <p className="muted" data-testid="policy-cancelled">
          The search was cancelled.
        </p>
      ) : null}
      {result ? (
        <>
          {result.best ? (
            <div className="policy-search__best" data-testid="policy-best">
              <p>
                Cheapest that holds p95 {measure} under {formatMs(result.target.p95Ms)}:{' '}
                <strong>{policyText(result.best)}</strong> —{' '}
                {formatNumber(result.best.replicaSeconds.mean)} replica-s, p95{' '}
                {formatMs(result.best.p95Ms.mean)}.
              </p>
              <button
                type="button"
                className="btn btn--small btn--primary"
                onClick={() => apply(result.best!)}
                data-testid="policy-apply"
              >
                Apply this policy
              </button>
            </div>
          ) : (
            <p className="field__error" data-testid="policy-none">
              No policy tried holds p95 {measure} under {formatMs(result.target.p95Ms)}: allow more
              replicas or a lower target per replica.
            </p>
          )}
          <table className="policy-search__table" data-testid="policy-table">
            <thead>
              <tr>
                <th className="num">per replica</th>
                <th className="num">replicas</th>
                <th className="num">replica-s</th>
                <th className="num">p95</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {result.candidates.map((c, i) => (
                <tr
                  key={i}
                  className={c.holds ? 'is-holding' : 'is-failing'}
                  title={c.problem ?? (c.holds ? 'Holds the target' : 'Misses the target')}
                >
                  <td className="num">{formatNumber(c.policy.targetPerReplica)}</td>
                  <td className="num">
                    {c.policy.minReplicas ?? 1}–{c.policy.maxReplicas}
                  </td>
                  <td className="num">
                    {c.problem ? '–' : formatCount(Math.round(c.replicaSeconds.mean))}
                  </td>
                  <td className="num">{c.problem ? 'refused' : formatMs(c.p95Ms.mean)}</td>
                  <td>{c.holds ? '✓' : '✗'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
