import type { PipelineDocument } from '../../shared/document';
import type { AutoscaleGrid } from '../../shared/simulation/autoscale-sweep';

/** The "Find cheapest policy" form as typed, and its reading into a grid. */
export interface PolicyForm {
  measure: 'wait' | 'endToEnd';
  p95: string;
  targets: string;
  maxes: string;
  mins: string;
  runs: string;
}

export const listText = (values: readonly number[]): string => values.join(', ');

function list(text: string, what: string): number[] {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '');
  const values = parts.map(Number);
  const bad = parts.find((_, i) => !Number.isFinite(values[i]));
  if (parts.length === 0 || bad !== undefined) {
    throw new RangeError(`${what}: write numbers separated by commas, e.g. 1, 2, 4`);
  }
  return values;
}

/** The grid, target and runs the form asks for; a RangeError says what is wrong in it. */
export function readPolicyForm(form: PolicyForm): {
  grid: AutoscaleGrid;
  p95Ms: number;
  replications: number;
} {
  const p95Ms = Number(form.p95);
  if (!(p95Ms > 0)) throw new RangeError('The p95 target must be a number of ms above 0');
  const replications = Number(form.runs);
  if (!Number.isInteger(replications) || replications < 1 || replications > 30) {
    throw new RangeError('Runs must be a whole number from 1 to 30');
  }
  return {
    grid: {
      targetPerReplica: list(form.targets, 'Targets per replica'),
      maxReplicas: list(form.maxes, 'Max replicas'),
      minReplicas: list(form.mins, 'Min replicas'),
    },
    p95Ms,
    replications,
  };
}

export const hasScenario = (doc: PipelineDocument): boolean =>
  (doc.scenario?.events.length ?? 0) > 0;
