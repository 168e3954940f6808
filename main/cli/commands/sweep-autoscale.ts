import type { PipelineDocument } from '../../../shared/document';
import { formatCount, formatMs, formatNumber } from '../../../shared/metrics/format';
import {
  defaultAutoscaleGrid,
  sweepAutoscale,
  type AutoscaleGrid,
  type AutoscaleSweepResult,
  type P95Measure,
} from '../../../shared/simulation/autoscale-sweep';
import { SimulationModelError } from '../../../shared/simulation/model';
import type { ReplicationOptions } from '../../../shared/simulation/run';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from '../io';
import { table } from '../table';

/**
 * `simulate --sweep-autoscale WORKER --p95 MS`: the cheapest autoscale policy for a worker that
 * keeps a p95 (wait, or end to end) under the target through the scenario
 * (shared/simulation/autoscale-sweep.ts), with the table of every policy tried.
 */
export const SWEEP_AUTOSCALE_HELP = `  --sweep-autoscale W  find the cheapest autoscale policy (fewest replica-seconds) for worker W
                      (id or name) whose p95 stays under --p95 through the scenario; tries
                      --targets × --max-replicas × --min-replicas (lists, defaults from the
                      worker), --replications runs each (default 3)
  --p95 MS            the target in ms; --p95-of wait (the worker's queue, default) or end-to-end`;

export const SWEEP_AUTOSCALE_FLAGS = {
  'sweep-autoscale': { type: 'string' },
  p95: { type: 'string' },
  'p95-of': { type: 'string' },
  targets: { type: 'string' },
  'max-replicas': { type: 'string' },
  'min-replicas': { type: 'string' },
} as const;

type Values = Record<string, string | boolean | undefined>;

function list(values: Values, flag: string): number[] | string | undefined {
  const text = values[flag];
  if (typeof text !== 'string') return undefined;
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.some((p, i) => p === '' || !Number.isFinite(numbers[i]))) {
    return `--${flag} "${text}" must be numbers separated by commas, e.g. 1,2,4`;
  }
  return numbers;
}

function readTarget(values: Values): { measure: P95Measure; p95Ms: number } | string {
  const p95 = Number(values.p95);
  if (typeof values.p95 !== 'string' || !(p95 > 0)) {
    return '--sweep-autoscale needs --p95 MS, the p95 target in ms (a number > 0)';
  }
  const of = values['p95-of'] ?? 'wait';
  if (of !== 'wait' && of !== 'end-to-end') {
    return `--p95-of "${String(of)}" must be wait or end-to-end`;
  }
  return { measure: of === 'wait' ? 'wait' : 'endToEnd', p95Ms: p95 };
}

export function autoscaleSweepLines(result: AutoscaleSweepResult, doc: PipelineDocument): string[] {
  const name = doc.nodes.find((n) => n.id === result.workerId)?.name ?? result.workerId;
  const what = result.target.measure === 'wait' ? 'wait' : 'end to end';
  const rows = result.candidates.map((c) => [
    formatNumber(c.policy.targetPerReplica),
    String(c.policy.minReplicas ?? 1),
    String(c.policy.maxReplicas),
    c.problem ? '–' : formatCount(Math.round(c.replicaSeconds.mean)),
    c.problem ? 'refused' : formatMs(c.p95Ms.mean + c.p95Ms.halfWidth),
    c.holds ? 'yes' : 'no',
  ]);
  const best = result.best;
  return [
    `Cheapest autoscale policy for "${name}": p95 ${what} under ${formatMs(result.target.p95Ms)}`,
    '',
    ...table(['per replica', 'min', 'max', 'replica-s', `p95 ${what} (95% upper)`, 'holds'], rows),
    '',
    best
      ? `best: ${JSON.stringify(best.policy)} — ${formatNumber(best.replicaSeconds.mean)} replica-s`
      : 'no policy tried holds the target: allow more replicas or a lower target per replica',
  ];
}

/** Runs the search and prints it; exit 1 when no policy holds or the document cannot run. */
export function runAutoscaleSweep(
  doc: PipelineDocument,
  file: string,
  values: Values,
  options: ReplicationOptions,
  io: CliIo,
): number {
  const wanted = String(values['sweep-autoscale']);
  const worker = doc.nodes.find(
    (n) => n.kind === 'worker' && (n.id === wanted || n.name === wanted),
  );
  const target = readTarget(values);
  const fail = (message: string) => {
    io.err(`pipewright simulate: ${message}`);
    return EXIT_USAGE;
  };
  if (!worker) return fail(`--sweep-autoscale "${wanted}": no worker has that id or name`);
  if (typeof target === 'string') return fail(target);
  const defaults = defaultAutoscaleGrid(doc, worker.id);
  const grid: Record<keyof AutoscaleGrid, number[]> = {
    targetPerReplica: [...defaults.targetPerReplica],
    maxReplicas: [...defaults.maxReplicas],
    minReplicas: [...defaults.minReplicas],
  };
  const flags = [
    ['targets', 'targetPerReplica'],
    ['max-replicas', 'maxReplicas'],
    ['min-replicas', 'minReplicas'],
  ] as const;
  for (const [flag, key] of flags) {
    const given = list(values, flag);
    if (typeof given === 'string') return fail(given);
    if (given) grid[key] = given;
  }
  let result: AutoscaleSweepResult;
  try {
    result = sweepAutoscale(doc, worker.id, target, grid, options);
  } catch (error) {
    if (error instanceof SimulationModelError) {
      for (const problem of error.problems) io.err(`${file}: ${problem}`);
      return EXIT_FINDINGS;
    }
    if (error instanceof RangeError) return fail(error.message);
    throw error;
  }
  if (values.json) io.out(JSON.stringify(result, null, 2));
  else io.out(autoscaleSweepLines(result, doc).join('\n'));
  return result.best ? EXIT_OK : EXIT_FINDINGS;
}
