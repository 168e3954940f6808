/**
 * Failure rates are typed and shown in percent everywhere in the UI, while the file keeps a
 * fraction (`failureRate: 0.02`). "2%", "2 %" and "2" all mean 2 %.
 */

export type PercentParse = { ok: true; percent: number } | { ok: false; message: string };

/** Reads a percentage as people type it: a number with or without a trailing % sign. */
export function parsePercent(text: string): PercentParse {
  const match = /^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?)\s*%?\s*$/i.exec(text);
  if (!match) return { ok: false, message: 'Must be a percentage, e.g. 2 or 2%' };
  const percent = Number(match[1]!.replace(',', '.'));
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    return { ok: false, message: 'Must be a percentage from 0 to 100, e.g. 2 or 2%' };
  }
  return { ok: true, percent };
}

/** A stored fraction as the percentage shown in a field: 0.02 → "2", 0.125 → "12.5". */
export const percentText = (fraction: number): string => String(Math.round(fraction * 1e6) / 1e4);

/** The fraction stored for a percentage, without float noise (2.3 % → 0.023, not 0.0229…). */
export const fractionOf = (percent: number): number => Math.round(percent * 1e4) / 1e6;
