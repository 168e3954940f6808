/**
 * How every figure reads, wherever it is shown — the CLI, the HTML run report, the app and
 * validation messages (docs/architecture.md "Metrics"): durations (`850 ms`, `1.5 s`, `2 min`,
 * `3 h`), rates (`20/s`, `6/min`), counts (`1,234`, or `12.3k` where room is short) and
 * percentages, always written `82%` (no space). Numbers are en-US whatever the machine's
 * locale, so a report reads the same everywhere.
 */

// Intl formatters are costly to make and cheap to use: made once.
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });
const FIXED = new Map<number, Intl.NumberFormat>();

/** Up to `significant` significant digits, no exponent, no trailing zeros; `1,234` above. */
export function formatNumber(value: number, significant = 3): string {
  if (Number.isNaN(value)) return '–';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  if (Math.abs(value) >= 10 ** significant) return GROUPED.format(Math.round(value));
  return GROUPED.format(Number(value.toPrecision(significant)));
}

/** A count of things: whole numbers grouped (`1,234`); a mean of counts keeps a decimal. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return formatNumber(n);
  if (Number.isInteger(n)) return GROUPED.format(n);
  return formatNumber(n);
}

/** A count where room is short (badges): `12`, `1,234`, `12.3k`, `4.5M`. */
export function formatCompactCount(n: number): string {
  if (!Number.isFinite(n)) return formatNumber(n);
  const abs = Math.abs(n);
  if (abs < 10_000) return GROUPED.format(Math.round(n));
  // 999,999 rounds to 1.00M, not 1,000k.
  if (Math.abs(Number((n / 1000).toPrecision(3))) < 1000) return `${formatNumber(n / 1000)}k`;
  return `${formatNumber(n / 1_000_000)}M`;
}

const UNITS: ReadonlyArray<[number, string]> = [
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1000, 's'],
];

/** A duration in the largest unit it fills: `850 ms`, `1.5 s`, `2 min`, `3 h`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return formatNumber(ms);
  // A duration that is not zero never reads as zero.
  if (ms > 0 && ms < 0.01) return '<0.01 ms';
  for (const [size, unit] of UNITS) {
    if (Math.abs(ms) >= size) return `${formatNumber(ms / size)} ${unit}`;
  }
  return `${formatNumber(ms)} ms`;
}

const PER: ReadonlyArray<[number, string]> = [
  [1, 's'],
  [60, 'min'],
  [3600, 'h'],
  [86_400, 'day'],
];

/**
 * A rate per second, or per minute / hour / day when slow: `20/s`, `6/min`. With a noun,
 * `20 jobs/s`.
 */
export function formatRate(perSec: number, noun?: string): string {
  const per = (value: number, unit: string) =>
    noun ? `${formatNumber(value)} ${noun}/${unit}` : `${formatNumber(value)}/${unit}`;
  if (!Number.isFinite(perSec) || perSec === 0) return per(perSec, 's');
  for (const [seconds, unit] of PER) {
    if (Math.abs(perSec * seconds) >= 1 || unit === 'day') return per(perSec * seconds, unit);
  }
  return per(perSec, 's');
}

/**
 * A fraction as a percentage: `0.823` → `82%`; below 10% three significant digits (`4.57%`);
 * a share that is not zero never reads as zero (`<0.01%`). With `decimals`, at most that many
 * decimals instead (`45.7%`, `40%`): for settings and tables whose figures are compared.
 */
export function formatPercent(fraction: number, decimals?: number): string {
  if (!Number.isFinite(fraction)) return `${formatNumber(fraction)}%`;
  const p = fraction * 100;
  if (decimals !== undefined) return `${fixed(p, decimals, 0)}%`;
  if (p > 0 && p < 0.01) return '<0.01%';
  if (p !== 0 && Math.abs(p) < 10) return `${formatNumber(p)}%`;
  return `${GROUPED.format(Math.round(p))}%`;
}

/** A difference in percent with its sign: `+4.3%`, `−20.0%`, `±0.0%`. */
export function formatSignedPercent(percent: number, decimals = 1): string {
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '±';
  return `${sign}${fixed(Math.abs(percent), decimals)}%`;
}

/** A progress fraction as a whole percentage, never 100% before the end. */
export const formatProgress = (fraction: number): string =>
  `${Math.min(99, Math.floor(fraction * 100))}%`;

/** A size in bytes as megabytes: `1.5 MB`, `10 MB`. */
export const formatMegabytes = (bytes: number): string => `${fixed(bytes / 1024 / 1024, 1, 0)} MB`;

/** A position on a timeline: `0:42`, `12:05`, `1:02:03`. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A utilisation ρ with two significant digits: `0.48`, `1.2`, `12`. */
export function formatRho(rho: number): string {
  if (!Number.isFinite(rho)) return formatNumber(rho);
  if (rho === 0) return '0';
  if (rho < 0.01) return '<0.01';
  return formatNumber(rho, 2);
}

/** `decimals` decimals (at least `least`), grouped: `1,234.5`. */
function fixed(value: number, decimals: number, least = decimals): string {
  const key = decimals * 100 + least;
  let format = FIXED.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: least,
      maximumFractionDigits: decimals,
    });
    FIXED.set(key, format);
  }
  return format.format(value);
}
