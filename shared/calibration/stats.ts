/** Small statistics the fitters share: moments, the normal CDF, intervals, KS distance, bins. */

export const Z95 = 1.959964;

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Sample standard deviation (n − 1). */
export function stdDev(values: readonly number[], m = mean(values)): number {
  if (values.length < 2) return 0;
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): enough for CDFs and KS distances. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

export const normalCdf = (x: number, mu: number, sigma: number): number =>
  sigma <= 0 ? (x < mu ? 0 : 1) : 0.5 * (1 + erf((x - mu) / (sigma * Math.SQRT2)));

/** Wilson score interval of a proportion k / n (well-behaved near 0 and 1, unlike the Wald one). */
export function wilson95(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * 95 % interval of a Poisson rate from `count` events in `spanMs`, per second: the count's
 * square-root (variance-stabilised) interval, accurate to a few % from 10 events on.
 */
export function poissonRate95(count: number, spanMs: number): [number, number] {
  if (spanMs <= 0) return [0, 0];
  const root = Math.sqrt(count);
  const lo = Math.max(0, root - Z95 / 2) ** 2;
  const hi = (root + Z95 / 2) ** 2;
  return [(lo * 1000) / spanMs, (hi * 1000) / spanMs];
}

/** Kolmogorov–Smirnov distance between a sorted sample and a CDF. */
export function ksDistance(sorted: readonly number[], cdf: (x: number) => number): number {
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, f - i / n, (i + 1) / n - f);
  }
  return d;
}

/**
 * The data in `bins` equal bins from its minimum to its maximum, with the counts a CDF expects
 * in each: the histogram beside its fitted curve.
 */
export function histogramOf(
  sorted: readonly number[],
  cdf: (x: number) => number,
  bins = 20,
): { edges: number[]; counts: number[]; fitted: number[] } {
  const n = sorted.length;
  if (n === 0) return { edges: [], counts: [], fitted: [] };
  const lo = sorted[0]!;
  const hi = sorted[n - 1]!;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const count = hi > lo ? bins : 1;
  const edges = Array.from({ length: count + 1 }, (_, i) => lo + i * width);
  const counts = new Array<number>(count).fill(0);
  for (const v of sorted) counts[Math.min(count - 1, Math.floor((v - lo) / width))]! += 1;
  const fitted = counts.map((_, i) => {
    // The outer bins take the tails, so the fitted counts add up to n like the data.
    const a = i === 0 ? 0 : cdf(edges[i]!);
    const b = i === count - 1 ? 1 : cdf(edges[i + 1]!);
    return n * Math.max(0, b - a);
  });
  return { edges, counts, fitted };
}

/** Least-squares slope of y on x, with its standard error (Infinity with fewer than 3 points). */
export function linearTrend(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number; stdErr: number } {
  const n = xs.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  if (n < 3 || sxx === 0) return { slope, intercept, stdErr: Infinity };
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i]! - intercept - slope * xs[i]!) ** 2;
  return { slope, intercept, stdErr: Math.sqrt(sse / (n - 2) / sxx) };
}

/** The most common value (by JSON equality) and whether others occurred. */
export function mostCommon<T>(
  values: readonly T[],
): { value: T; share: number; mixed: boolean } | null {
  if (values.length === 0) return null;
  const counts = new Map<string, { value: T; n: number }>();
  for (const v of values) {
    const key = JSON.stringify(v) ?? 'undefined';
    const entry = counts.get(key);
    if (entry) entry.n += 1;
    else counts.set(key, { value: v, n: 1 });
  }
  let best: { value: T; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return { value: best!.value, share: best!.n / values.length, mixed: counts.size > 1 };
}

/** Rounds to `digits` significant digits, so documents hold readable numbers. */
export function significant(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(digits));
}
