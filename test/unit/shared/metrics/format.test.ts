import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatCompactCount,
  formatCount,
  formatMegabytes,
  formatMs,
  formatNumber,
  formatPercent,
  formatProgress,
  formatRate,
  formatRho,
  formatSignedPercent,
} from '../../../../shared/metrics/format';

describe('one number formatter', () => {
  it('writes numbers with three significant digits, grouped, never in exponent form', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(12.3456)).toBe('12.3');
    expect(formatNumber(999.7)).toBe('1,000');
    expect(formatNumber(123_456.7)).toBe('123,457');
    expect(formatNumber(0.000_012_34)).toBe('0.0000123');
    expect(formatNumber(-2.5)).toBe('-2.5');
    expect(formatNumber(1.26, 2)).toBe('1.3');
    expect([formatNumber(Infinity), formatNumber(-Infinity), formatNumber(NaN)]).toEqual([
      '∞',
      '−∞',
      '–',
    ]);
  });

  it('writes counts whole and grouped, compact where room is short', () => {
    expect(formatCount(1_234_567)).toBe('1,234,567');
    expect(formatCount(12.25)).toBe('12.3');
    expect(formatCompactCount(9_999)).toBe('9,999');
    expect(formatCompactCount(12_345)).toBe('12.3k');
    expect(formatCompactCount(4_560_000)).toBe('4.56M');
    expect(formatCompactCount(999_999.5)).toBe('1M');
  });

  it('writes durations in ms, s, min and h', () => {
    expect(formatMs(0)).toBe('0 ms');
    expect(formatMs(0.004)).toBe('<0.01 ms');
    expect(formatMs(0.25)).toBe('0.25 ms');
    expect(formatMs(850)).toBe('850 ms');
    expect(formatMs(1500)).toBe('1.5 s');
    expect(formatMs(120_000)).toBe('2 min');
    expect(formatMs(3 * 3_600_000)).toBe('3 h');
    expect(formatMs(100 * 3_600_000)).toBe('100 h');
  });

  it('writes rates per second, or per minute, hour or day when slow', () => {
    expect(formatRate(20)).toBe('20/s');
    expect(formatRate(0)).toBe('0/s');
    expect(formatRate(0.1)).toBe('6/min');
    expect(formatRate(1 / 3600)).toBe('1/h');
    expect(formatRate(1 / 86_400 / 2)).toBe('0.5/day');
    expect(formatRate(1234.5, 'jobs')).toBe('1,235 jobs/s');
  });

  it('writes every percentage one way: no space before %', () => {
    expect(formatPercent(0.823)).toBe('82%');
    expect(formatPercent(0.04567)).toBe('4.57%');
    expect(formatPercent(0.000_01)).toBe('<0.01%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.4567, 1)).toBe('45.7%');
    expect(formatPercent(0.4, 1)).toBe('40%');
    expect(formatSignedPercent(4.26)).toBe('+4.3%');
    expect(formatSignedPercent(-20)).toBe('−20.0%');
    expect(formatSignedPercent(0)).toBe('±0.0%');
    expect(formatProgress(0.999)).toBe('99%');
  });

  it('writes sizes, timeline positions and ρ', () => {
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatMegabytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(formatClock(42_000)).toBe('0:42');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatRho(0.4849)).toBe('0.48');
    expect(formatRho(12.4)).toBe('12');
    expect(formatRho(0.001)).toBe('<0.01');
  });
});
