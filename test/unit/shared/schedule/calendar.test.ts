import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAYS_PER_CYCLE,
  MS_PER_DAY,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  monthShapesPerCycle,
  weekdayOfDays,
} from '../../../../shared/schedule/calendar';

// Date handles years beyond ±270,000; stay well inside so it can serve as the oracle.
const anyDay = fc.integer({ min: -3_000_000, max: 3_000_000 });

describe('calendar arithmetic', () => {
  it('agrees with Date on the civil date and weekday of any epoch day', () => {
    fc.assert(
      fc.property(anyDay, (days) => {
        const date = new Date(days * MS_PER_DAY);
        expect(civilFromDays(days)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(weekdayOfDays(days)).toBe(date.getUTCDay());
      }),
    );
  });

  it('round-trips days → civil → days', () => {
    fc.assert(
      fc.property(anyDay, (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
  });

  it('knows the epoch, two-digit years and leap days', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(daysFromCivil(99, 12, 31))).toEqual({ year: 99, month: 12, day: 31 });
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });

  it('summarises the 400-year cycle into month shapes that add up to it', () => {
    const shapes = monthShapesPerCycle();
    expect(shapes.reduce((n, s) => n + s.count, 0)).toBe(4_800);
    expect(shapes.reduce((n, s) => n + s.count * s.length, 0)).toBe(DAYS_PER_CYCLE);
    const leapFebruaries = shapes.filter((s) => s.month === 2 && s.length === 29);
    expect(leapFebruaries.reduce((n, s) => n + s.count, 0)).toBe(97);
    expect(shapes.length).toBeLessThanOrEqual(13 * 7);
  });
});
