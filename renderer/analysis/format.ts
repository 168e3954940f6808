import { formatMs } from '../canvas/format';

/** Number formats for figures: counts, percentages, rates and timeline positions. */

export { formatMs, formatRate } from '../canvas/format';

/** `12`, `1,234`, `12.3k`, `4.5M`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '∞';
  const abs = Math.abs(n);
  if (abs < 10_000) return Math.round(n).toLocaleString('en-US');
  if (abs < 1_000_000) return `${trim(n / 1000)}k`;
  return `${trim(n / 1_000_000)}M`;
}

/** A fraction as a percentage: `0.823` → `82%`, small values keep a decimal. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return '∞';
  const p = fraction * 100;
  if (p > 0 && p < 0.01) return '<0.01%';
  if (p !== 0 && Math.abs(p) < 10) return `${trim(p)}%`;
  return `${Math.round(p)}%`;
}

/** A wait or service time, `0 ms` for nothing at all. */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  if (ms > 0 && ms < 0.01) return '<0.01 ms';
  if (ms > 0 && ms < 1) return `${trim(ms)} ms`;
  return formatMs(ms);
}

/** A progress fraction as a whole percentage, never 100% before the end. */
export const formatProgress = (fraction: number): string =>
  `${Math.min(99, Math.floor(fraction * 100))}%`;

/** A position on the timeline: `0:42`, `12:05`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** ρ with two significant digits: `0.48`, `1.2`, `12`. */
export function formatRho(rho: number): string {
  if (!Number.isFinite(rho)) return '∞';
  if (rho === 0) return '0';
  if (rho < 0.01) return '<0.01';
  return String(Number(rho.toPrecision(2)));
}

function trim(n: number): string {
  return String(Number(n.toPrecision(3)));
}
