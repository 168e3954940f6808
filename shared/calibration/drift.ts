import { formatMs, formatPercent, formatRate } from '../metrics/format';
/** One measured figure as both a report's values and a document's calibration fields carry it. */
export interface MeasuredFigure {
  nodeId: string;
  field: string;
  sample: number;
  estimate?: number;
  ci95?: [number, number];
}

/** A figure that moved beyond what the two samples' uncertainty allows. */
export interface DriftFlag {
  nodeId: string;
  field: string;
  before: number;
  after: number;
  /** (after − before) / before in %, null when before is 0. */
  changePercent: number | null;
  message: string;
}

/** Fewer observations than this on either side say too little to call a change. */
const MIN_SAMPLE = 10;

const halfWidth = (f: MeasuredFigure) => (f.ci95 ? (f.ci95[1] - f.ci95[0]) / 2 : 0);

const FIELD_NAMES: Record<string, string> = {
  service: 'mean service time',
  arrival: 'arrival rate',
  failureRate: 'failure rate',
  probability: 'edge probability',
};

const shown = (field: string, value: number) =>
  field === 'service'
    ? formatMs(value)
    : field === 'arrival'
      ? formatRate(value)
      : formatPercent(value, 1);

/**
 * Which service times, rates and probabilities of a calibrated model a refit on a later window
 * contradicts (docs/architecture.md "Calibration"): two estimates with 95 % half-widths h₁ and h₂
 * differ significantly when |a − b| > √(h₁² + h₂²), the half-width of their difference.
 */
export function detectDrift(
  calibrated: { values: readonly MeasuredFigure[] },
  refit: { values: readonly MeasuredFigure[] },
): DriftFlag[] {
  const later = new Map(refit.values.map((v) => [`${v.nodeId}\u0000${v.field}`, v] as const));
  const flags: DriftFlag[] = [];
  for (const a of calibrated.values) {
    const b = later.get(`${a.nodeId}\u0000${a.field}`);
    if (!b || a.estimate === undefined || b.estimate === undefined || !a.ci95 || !b.ci95) continue;
    if (a.sample < MIN_SAMPLE || b.sample < MIN_SAMPLE) continue;
    const allowed = Math.hypot(halfWidth(a), halfWidth(b));
    const moved = b.estimate - a.estimate;
    if (Math.abs(moved) <= allowed) continue;
    const what = FIELD_NAMES[a.field] ?? a.field;
    flags.push({
      nodeId: a.nodeId,
      field: a.field,
      before: a.estimate,
      after: b.estimate,
      changePercent: a.estimate === 0 ? null : (moved / a.estimate) * 100,
      message: `${what} moved from ${shown(a.field, a.estimate)} to ${shown(a.field, b.estimate)}, beyond its 95 % interval (±${shown(a.field, allowed)})`,
    });
  }
  return flags;
}
