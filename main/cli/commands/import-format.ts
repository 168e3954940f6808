import { plural } from '../../../shared/plural';
import type { CalibrationResult, FittedValue } from '../../../shared/calibration/observations';
import { formatNumber as num } from '../../../shared/metrics/format';
import { table } from './simulate';

/** A fitted value in a few characters: a distribution or arrival model by its parameters. */
function describe(value: unknown): string {
  if (typeof value === 'number') return num(value);
  if (typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    const type = entries.find(([k]) => k === 'type')?.[1];
    const rest = entries
      .filter(([k]) => k !== 'type')
      .map(([k, v]) => `${k} ${typeof v === 'number' ? num(v) : JSON.stringify(v)}`);
    return [typeof type === 'string' ? type : '', ...rest].filter(Boolean).join(' ');
  }
  return JSON.stringify(value) ?? '';
}

const ci = (v: FittedValue) => (v.ci95 ? `${num(v.ci95[0])}–${num(v.ci95[1])}` : '');

/** The calibration report as text: what was read, each fitted value and its evidence, warnings. */
export function formatCalibration({ document, report }: CalibrationResult): string {
  const names = new Map(document.nodes.map((n) => [n.id, n.name]));
  const seconds = (report.window.toMs - report.window.fromMs) / 1000;
  const out = [
    `${report.redis}, prefix "${report.prefix}": ${num(seconds)} s of jobs, from ` +
      `${new Date(report.window.fromMs).toISOString()}` +
      (report.listenedMs > 0 ? `, listened ${num(report.listenedMs / 1000)} s` : ''),
    `model: ${plural(document.nodes.length, 'node')}, ${plural(document.edges.length, 'edge')}`,
    '',
    ...table(
      ['node', 'field', 'value', 'sample', 'KS', '95 % CI'],
      report.values.map((v) => [
        names.get(v.nodeId) ?? v.nodeId,
        v.field,
        describe(v.value),
        String(v.sample),
        v.ks === undefined ? '' : num(v.ks),
        ci(v),
      ]),
    ),
  ];
  if (report.inferredEdges.length > 0) {
    out.push('', 'inferred edges:');
    for (const e of report.inferredEdges) {
      out.push(`  ${e.from} → ${e.to}  p ${num(e.probability)} (${e.evidence}): ${e.detail}`);
    }
  }
  if (report.measured.length > 0) {
    out.push(
      '',
      ...table(
        ['measured queue', 'jobs/s', 'wait mean', 'failed/s'],
        report.measured.map((m) => [
          m.queue,
          num(m.throughputPerSec),
          m.meanWaitMs === null ? '—' : `${num(m.meanWaitMs)} ms`,
          num(m.failedPerSec),
        ]),
      ),
    );
  }
  if (report.warnings.length > 0) {
    out.push('', ...report.warnings.map((w) => `warning: ${w}`));
  }
  return out.join('\n');
}
