/**
 * Proleptic Gregorian calendar arithmetic on epoch days (days since 1970-01-01, UTC), after
 * Howard Hinnant's `days_from_civil` / `civil_from_days`. Pure integer maths: no Date quirks
 * (such as `Date.UTC` reading years 0-99 as 1900-1999) and no time zones.
 */

export const MS_PER_DAY = 86_400_000;
/** The Gregorian calendar repeats, weekdays included, every 400 years: this many days. */
export const DAYS_PER_CYCLE = 146_097;
const MONTHS_PER_CYCLE = 4_800;

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_CYCLE + dayOfEra - 719_468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / DAYS_PER_CYCLE);
  const dayOfEra = z - era * DAYS_PER_CYCLE;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOfDays = (days: number): number => (((days + 4) % 7) + 7) % 7;

export const isLeapYear = (year: number): boolean =>
  (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A kind of month: which month, how long, and the weekday of its first day. */
export interface MonthShape {
  month: number;
  length: number;
  firstWeekday: number;
  /** How many months of this shape one 400-year cycle holds. */
  count: number;
}

let cycleShapes: MonthShape[] | undefined;

/**
 * The distinct month shapes of one 400-year cycle with their counts (at most 12 × 2 × 7 of them),
 * so a question about "every day of the cycle" costs a few thousand day checks, not 146,097.
 */
export function monthShapesPerCycle(): readonly MonthShape[] {
  if (cycleShapes) return cycleShapes;
  const byKey = new Map<string, MonthShape>();
  for (let i = 0; i < MONTHS_PER_CYCLE; i++) {
    const year = 2000 + Math.floor(i / 12);
    const month = (i % 12) + 1;
    const length = daysInMonth(year, month);
    const firstWeekday = weekdayOfDays(daysFromCivil(year, month, 1));
    const key = `${month}/${length}/${firstWeekday}`;
    const shape = byKey.get(key);
    if (shape) shape.count++;
    else byKey.set(key, { month, length, firstWeekday, count: 1 });
  }
  cycleShapes = [...byKey.values()];
  return cycleShapes;
}
