import { describe, expect, it } from 'vitest';
import { fractionOf, parsePercent, percentText } from '../../../../renderer/inspector/percent';

describe('failure rates in percent', () => {
  it('reads "2%", "2", "2 %" and " 2.5 % " as percentages', () => {
    expect(parsePercent('2%')).toEqual({ ok: true, percent: 2 });
    expect(parsePercent('2')).toEqual({ ok: true, percent: 2 });
    expect(parsePercent('2 %')).toEqual({ ok: true, percent: 2 });
    expect(parsePercent(' 2.5 % ')).toEqual({ ok: true, percent: 2.5 });
    expect(parsePercent('0,5%')).toEqual({ ok: true, percent: 0.5 });
    expect(parsePercent('.5')).toEqual({ ok: true, percent: 0.5 });
    expect(parsePercent('100%')).toEqual({ ok: true, percent: 100 });
    expect(parsePercent('0')).toEqual({ ok: true, percent: 0 });
  });

  it('refuses what is not a percentage, saying what to type', () => {
    const notANumber = { ok: false, message: 'Must be a percentage, e.g. 2 or 2%' };
    expect(parsePercent('abc')).toEqual(notANumber);
    expect(parsePercent('%')).toEqual(notANumber);
    expect(parsePercent('2%%')).toEqual(notANumber);
    expect(parsePercent('')).toEqual(notANumber);
    const outOfRange = { ok: false, message: 'Must be a percentage from 0 to 100, e.g. 2 or 2%' };
    expect(parsePercent('150')).toEqual(outOfRange);
    expect(parsePercent('-1%')).toEqual(outOfRange);
  });

  it('stores a fraction and shows it back in percent without float noise', () => {
    expect(fractionOf(2)).toBe(0.02);
    expect(fractionOf(2.3)).toBe(0.023);
    expect(fractionOf(100)).toBe(1);
    expect(percentText(0.02)).toBe('2');
    expect(percentText(0.125)).toBe('12.5');
    expect(percentText(0.07)).toBe('7');
    expect(percentText(fractionOf(33.33))).toBe('33.33');
  });
});
