import { meanArrivalRatePerSec, type PipelineDocument } from '../../shared/document';
import {
  largestToMeet,
  smallestToMeet,
  type SweepParameter,
  type SweepPoint,
  type SweepResult,
} from '../../shared/simulation/sweep';
import { queueingFor, slotsNeeded } from './theory';

/**
 * The what-if form: which parameters can be swept, sensible default ranges (from queueing theory),
 * the list of values a range means, and the answer to "the smallest concurrency that keeps p95
 * wait under X ms" (or the largest rate, for a producer).
 */

export interface ParameterOption {
  key: string;
  label: string;
  parameter: SweepParameter;
}

export const parameterKey = (p: SweepParameter): string =>
  p.kind === 'rate' ? `rate:${p.producerId}` : `${p.kind}:${p.workerId}`;

export function parameterOptions(doc: PipelineDocument): ParameterOption[] {
  const out: ParameterOption[] = [];
  for (const n of doc.nodes) {
    if (n.kind === 'worker') {
      for (const kind of ['concurrency', 'replicas'] as const) {
        const parameter: SweepParameter = { kind, workerId: n.id };
        out.push({ key: parameterKey(parameter), label: `${n.name} · ${kind}`, parameter });
      }
    } else if (n.kind === 'producer') {
      const a = n.config.arrival;
      if (a.type === 'schedule' && a.everyMs === undefined) continue; // a cron has no rate
      const parameter: SweepParameter = { kind: 'rate', producerId: n.id };
      out.push({ key: parameterKey(parameter), label: `${n.name} · rate (jobs/s)`, parameter });
    }
  }
  return out;
}

export interface SweepRange {
  from: number;
  to: number;
  step: number;
}

const round2 = (n: number) => Number(n.toPrecision(2));

/** Around the current value, and wide enough to reach what theory says is needed. */
export function defaultRange(doc: PipelineDocument, parameter: SweepParameter): SweepRange {
  if (parameter.kind === 'rate') {
    const node = doc.nodes.find((n) => n.id === parameter.producerId);
    const rate = node?.kind === 'producer' ? meanArrivalRatePerSec(node.config.arrival) : 1;
    const base = rate > 0 ? rate : 1;
    const from = round2(base / 2);
    const to = round2(base * 3);
    return { from, to, step: round2((to - from) / 10) || 1 };
  }
  const node = doc.nodes.find((n) => n.id === parameter.workerId);
  if (node?.kind !== 'worker') return { from: 1, to: 10, step: 1 };
  const current = node.config[parameter.kind];
  const station = queueingFor(doc)?.workers.get(node.id);
  const otherFactor =
    parameter.kind === 'concurrency' ? node.config.replicas : node.config.concurrency;
  const needed = station ? Math.ceil(slotsNeeded(station.offeredLoad) / otherFactor) : current;
  const from = Math.max(1, Math.min(current, needed) - 1);
  const to = Math.max(current + 2, needed + 4, from + 4);
  return { from, to, step: Math.max(1, Math.ceil((to - from) / 15)) };
}

export const MAX_SWEEP_VALUES = 40;

/** The values of a range; throws a RangeError saying what to fix. */
export function sweepValues(range: SweepRange, parameter: SweepParameter): number[] {
  const { from, to, step } = range;
  const integer = parameter.kind !== 'rate';
  const name = parameter.kind === 'rate' ? 'rate' : parameter.kind;
  if (![from, to, step].every(Number.isFinite)) {
    throw new RangeError('From, to and step must be numbers');
  }
  if (integer && ![from, to, step].every(Number.isInteger)) {
    throw new RangeError(`A ${name} is a whole number: use whole numbers for from, to and step`);
  }
  if (from <= 0) throw new RangeError(`From must be above 0 (a ${name} of ${from} cannot run)`);
  if (to < from) throw new RangeError('To must be at least From');
  if (step <= 0) throw new RangeError('Step must be above 0');
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_VALUES) {
    throw new RangeError(
      `That is ${count} values; at most ${MAX_SWEEP_VALUES}: use a larger step or a smaller range`,
    );
  }
  return Array.from({ length: count }, (_, i) => Number((from + i * step).toPrecision(12)));
}

export interface SweepAnswer {
  point: SweepPoint | undefined;
  /** e.g. "Smallest concurrency that keeps p95 wait under 500 ms". */
  question: string;
  /** The answer is at the edge of the range tried: values beyond it may also qualify. */
  atEdge: boolean;
}

export function sweepAnswer(result: SweepResult, targetMs: number): SweepAnswer {
  const p = result.parameter;
  const target = `${targetMs.toLocaleString('en-US')} ms`;
  if (p.kind === 'rate') {
    const point = largestToMeet(result, targetMs);
    return {
      point,
      question: `Largest rate that keeps p95 wait under ${target}`,
      atEdge: point !== undefined && point === result.points.at(-1),
    };
  }
  const point = smallestToMeet(result, targetMs);
  return {
    point,
    question: `Smallest ${p.kind} that keeps p95 wait under ${target}`,
    atEdge: point !== undefined && point === result.points[0] && point.value > 1,
  };
}
