export { edgeLabel, nodeLabel } from '../document/topology';

/** A rate for a person: jobs/s, or per minute / hour / day when small. */
export function formatRate(perSec: number): string {
  if (!Number.isFinite(perSec)) return 'an unbounded number of jobs/s';
  const units: Array<[number, string]> = [
    [1, 's'],
    [60, 'min'],
    [3600, 'h'],
    [86_400, 'day'],
  ];
  for (const [seconds, unit] of units) {
    const value = perSec * seconds;
    if (value >= 1 || unit === 'day') return `${formatNumber(value)} jobs/${unit}`;
  }
  return `${formatNumber(perSec)} jobs/s`;
}

/** Up to three significant digits, without trailing zeros or exponent notation. */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return String(Number(value.toFixed(Math.min(digits, 6))));
}

export function formatMs(ms: number): string {
  if (ms >= 60_000) return `${formatNumber(ms / 60_000)} min`;
  if (ms >= 1000) return `${formatNumber(ms / 1000)} s`;
  return `${formatNumber(ms)} ms`;
}
