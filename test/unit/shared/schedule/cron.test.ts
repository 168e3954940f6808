import { describe, expect, it } from 'vitest';
import {
  meanCronIntervalMs,
  nextCronTime,
  parseCron,
  utcMs,
  type CronSchedule,
} from '../../../../shared/schedule/cron';

const cron = (expr: string): CronSchedule => {
  const result = parseCron(expr);
  if (!result.ok) throw new Error(`${expr}: ${result.error}`);
  return result.cron;
};
const iso = (ms: number) => new Date(ms).toISOString();
/** The next `n` fire times after `from`, as ISO strings. */
const fires = (expr: string, from: number, n = 3): string[] => {
  const schedule = cron(expr);
  const out: string[] = [];
  let t = from;
  for (let i = 0; i < n; i++) out.push(iso((t = nextCronTime(schedule, t))));
  return out;
};
const DAY = 86_400_000;

describe('parseCron errors', () => {
  it.each([
    ['61 * * * *', 'minute field "61": must be 0-59'],
    ['0 24 * * *', 'hour field "24": must be 0-23'],
    ['0 0 0 * *', 'day-of-month field "0": must be 1-31'],
    ['0 0 * 13 *', 'month field "13": must be 1-12 or JAN-DEC'],
    ['0 0 * * 8', 'day-of-week field "8": must be 0-7 or SUN-SAT'],
    ['1,2,99 * * * *', 'minute field "1,2,99": 99 must be 0-59'],
    ['0 0 * FOO *', 'month field "FOO": is not a known name; must be 1-12 or JAN-DEC'],
    ['0 0 * * MON-XYZ', 'day-of-week field "MON-XYZ": XYZ is not a known name'],
    ['MON * * * *', 'minute field "MON": is not a number; must be 0-59'],
    ['*/0 * * * *', 'minute field "*/0": the step in "*/0" must be a whole number >= 1'],
    ['*/x * * * *', 'the step in "*/x" must be a whole number >= 1'],
    ['1/2/3 * * * *', '"1/2/3" has more than one "/"'],
    ['30-10 * * * *', 'minute field "30-10": range 30-10 runs backwards'],
    ['1-2-3 * * * *', '"1-2-3" is not a range like 1-5'],
    ['-5 * * * *', 'minute field "-5": a value is missing'],
    ['1,,2 * * * *', 'minute field "1,,2": empty list item'],
    ['1.5 * * * *', 'minute field "1.5": is not a number'],
    ['0 0 LW * *', '"W" (nearest weekday) is not supported'],
    ['H * * * *', '"H" (hashed value) is not supported'],
    ['0 0 L-2 * *', 'write L alone for the last day of month'],
    ['0 0 * * L', 'write weekdayL, e.g. 5L or FRIL'],
    ['0 L * * *', '"L" is only allowed in the day-of-month and day-of-week fields'],
    ['0 0 * * 5#6', 'day-of-week field "5#6": the n in weekday#n must be 1-5, got 6'],
    ['0 0 * * 1,5#2', '"#" must be written alone as weekday#n'],
    ['? * * * *', 'minute field "?": is not a number'],
    ['0,0-4 * * * *', 'minute field "0,0-4": 0 is listed more than once'],
    ['0 0 * * 0,5-7', 'day-of-week field "0,5-7": 0 is listed more than once'],
    ['0 0 * * SUN,7', '0 is listed more than once'],
    ['0 0 L,L * *', 'L is listed more than once'],
    ['* * * *', 'expected 5 fields (minute hour day-of-month month day-of-week) or 6'],
    ['0 0 0 * * * *', 'got 7'],
    ['', 'cron expression is empty'],
    ['   ', 'cron expression is empty'],
    ['@midnight', 'unknown macro "@midnight"; use one of @yearly'],
    [' @daily', 'remove the spaces around @daily'],
    ['0 0 30 2 *', 'the schedule never fires: no date has day-of-month "30", month "2"'],
    ['0 0 31 APR,JUN,SEP,NOV *', 'the schedule never fires'],
    ['x'.repeat(1025), 'longer than 1024 characters'],
  ])('%j → %s', (expr, message) => {
    const result = parseCron(expr);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('never throws, whatever it is given', () => {
    for (const expr of ['\u0000', '* * * * * * * * *', 'ø * * * *', '🙂']) {
      expect(parseCron(expr).ok).toBe(false);
    }
    expect(parseCron(42 as unknown as string)).toEqual({
      ok: false,
      error: 'cron expression must be a string',
    });
  });
});

describe('nextCronTime', () => {
  const jan15noon = utcMs(2025, 1, 15, 12, 0, 0); // a Wednesday

  it('finds the next daily fire, strictly after the given time', () => {
    expect(fires('0 2 * * *', jan15noon)).toEqual([
      '2025-01-16T02:00:00.000Z',
      '2025-01-17T02:00:00.000Z',
      '2025-01-18T02:00:00.000Z',
    ]);
    const at = utcMs(2025, 1, 16, 2);
    expect(iso(nextCronTime(cron('0 2 * * *'), at))).toBe('2025-01-17T02:00:00.000Z');
    expect(iso(nextCronTime(cron('0 2 * * *'), at - 1))).toBe('2025-01-16T02:00:00.000Z');
  });

  it('steps through lists, ranges and steps in every field', () => {
    expect(fires('*/20 9-10 * * *', jan15noon, 4)).toEqual([
      '2025-01-16T09:00:00.000Z',
      '2025-01-16T09:20:00.000Z',
      '2025-01-16T09:40:00.000Z',
      '2025-01-16T10:00:00.000Z',
    ]);
    expect(fires('5/25 * * * *', jan15noon, 3)).toEqual([
      '2025-01-15T12:05:00.000Z',
      '2025-01-15T12:30:00.000Z',
      '2025-01-15T12:55:00.000Z',
    ]);
    expect(fires('0 0 1 */4 *', jan15noon, 3)).toEqual([
      '2025-05-01T00:00:00.000Z',
      '2025-09-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(fires('0 0 1,15 feb,Aug *', jan15noon, 3)).toEqual([
      '2025-02-01T00:00:00.000Z',
      '2025-02-15T00:00:00.000Z',
      '2025-08-01T00:00:00.000Z',
    ]);
  });

  it('handles seconds as a sixth, leading field and ignores sub-second offsets', () => {
    expect(fires('*/15 * * * * *', jan15noon + 500, 3)).toEqual([
      '2025-01-15T12:00:15.000Z',
      '2025-01-15T12:00:30.000Z',
      '2025-01-15T12:00:45.000Z',
    ]);
    expect(iso(nextCronTime(cron('* * * * * *'), jan15noon + 999.5))).toBe(
      '2025-01-15T12:00:01.000Z',
    );
    expect(iso(nextCronTime(cron('* * * * *'), jan15noon + 0.25))).toBe('2025-01-15T12:01:00.000Z');
  });

  it('carries across the end of minute, hour, day, month and year', () => {
    const lastSecondOfYear = utcMs(2025, 12, 31, 23, 59, 59);
    expect(iso(nextCronTime(cron('* * * * * *'), lastSecondOfYear))).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(iso(nextCronTime(cron('30 59 23 * * *'), utcMs(2025, 12, 31, 23, 59, 45)))).toBe(
      '2026-01-01T23:59:30.000Z',
    );
    expect(iso(nextCronTime(cron('10,50 30 * * * *'), utcMs(2025, 3, 1, 4, 30, 55)))).toBe(
      '2025-03-01T05:30:10.000Z',
    );
  });

  it('names weekdays and months in any case, with 0 and 7 both Sunday', () => {
    expect(fires('0 9 * * mon-FRI', utcMs(2025, 1, 17, 12), 2)).toEqual([
      '2025-01-20T09:00:00.000Z',
      '2025-01-21T09:00:00.000Z',
    ]);
    // The letters of THU, WED and JUL are not the special H, W and L.
    expect(fires('0 0 * JUL THU,WED', jan15noon, 2)).toEqual([
      '2025-07-02T00:00:00.000Z',
      '2025-07-03T00:00:00.000Z',
    ]);
    expect(fires('0 0 * * 7', jan15noon, 1)).toEqual(fires('0 0 * * 0', jan15noon, 1));
    expect(fires('0 0 * * 5-7', jan15noon, 3)).toEqual([
      '2025-01-17T00:00:00.000Z',
      '2025-01-18T00:00:00.000Z',
      '2025-01-19T00:00:00.000Z',
    ]);
  });

  it('fires when either day field matches once both are restricted (standard OR rule)', () => {
    // The 13th of each month, and every Friday.
    expect(fires('0 0 13 * FRI', utcMs(2025, 6, 1), 4)).toEqual([
      '2025-06-06T00:00:00.000Z',
      '2025-06-13T00:00:00.000Z',
      '2025-06-20T00:00:00.000Z',
      '2025-06-27T00:00:00.000Z',
    ]);
    // `*/1` is written, so it restricts (as in cron-parser), and OR applies: every day.
    expect(fires('0 0 */1 * MON', jan15noon, 2)).toEqual([
      '2025-01-16T00:00:00.000Z',
      '2025-01-17T00:00:00.000Z',
    ]);
    // `?` is a wildcard: only the weekday counts.
    expect(fires('0 0 ? * MON', jan15noon, 1)).toEqual(['2025-01-20T00:00:00.000Z']);
  });

  it('supports the last day of month, the last weekday and the n-th weekday', () => {
    expect(fires('0 0 L * *', jan15noon, 3)).toEqual([
      '2025-01-31T00:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
      '2025-03-31T00:00:00.000Z',
    ]);
    expect(fires('0 0 L 2 *', jan15noon, 2)).toEqual([
      '2025-02-28T00:00:00.000Z',
      '2026-02-28T00:00:00.000Z',
    ]);
    expect(fires('0 0 * * FRIL', jan15noon, 2)).toEqual([
      '2025-01-31T00:00:00.000Z',
      '2025-02-28T00:00:00.000Z',
    ]);
    expect(fires('0 0 * * 1#1', jan15noon, 2)).toEqual([
      '2025-02-03T00:00:00.000Z',
      '2025-03-03T00:00:00.000Z',
    ]);
  });

  it('skips non-leap years, including 2100, for February 29', () => {
    expect(fires('0 0 29 2 *', utcMs(2025, 1, 1), 3)).toEqual([
      '2028-02-29T00:00:00.000Z',
      '2032-02-29T00:00:00.000Z',
      '2036-02-29T00:00:00.000Z',
    ]);
    expect(iso(nextCronTime(cron('0 0 29 2 *'), utcMs(2096, 3, 1)))).toBe(
      '2104-02-29T00:00:00.000Z',
    );
  });

  it('knows the macros', () => {
    expect(fires('@hourly', jan15noon, 1)).toEqual(['2025-01-15T13:00:00.000Z']);
    expect(fires('@daily', jan15noon, 1)).toEqual(['2025-01-16T00:00:00.000Z']);
    expect(fires('@weekly', jan15noon, 1)).toEqual(['2025-01-19T00:00:00.000Z']);
    expect(fires('@monthly', jan15noon, 1)).toEqual(['2025-02-01T00:00:00.000Z']);
    expect(fires('@yearly', jan15noon, 1)).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(fires('@annually', jan15noon, 1)).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(fires('@weekdays', utcMs(2025, 1, 17, 12), 1)).toEqual(['2025-01-20T00:00:00.000Z']);
  });

  it('works far from the epoch, before 1970 and in two-digit years', () => {
    expect(iso(nextCronTime(cron('0 0 1 1 *'), utcMs(1969, 6, 1)))).toBe(
      '1970-01-01T00:00:00.000Z',
    );
    expect(nextCronTime(cron('0 12 * * *'), utcMs(50, 3, 1))).toBe(utcMs(50, 3, 1, 12));
    expect(iso(nextCronTime(cron('0 0 * * *'), utcMs(9999, 12, 31, 1)))).toBe(
      '+010000-01-01T00:00:00.000Z',
    );
  });

  it('refuses a non-finite time instead of looping', () => {
    expect(() => nextCronTime(cron('* * * * *'), Number.NaN)).toThrow(RangeError);
    expect(() => nextCronTime(cron('* * * * *'), Infinity)).toThrow(/finite/);
  });
});

describe('meanCronIntervalMs', () => {
  it.each([
    ['* * * * * *', 1_000],
    ['*/15 * * * *', 15 * 60_000],
    ['0 * * * *', 3_600_000],
    ['0 2 * * *', DAY],
    ['0 9,17 * * *', DAY / 2],
    ['@weekly', 7 * DAY],
    ['0 9 * * MON-FRI', (7 / 5) * DAY],
    ['@yearly', 365.2425 * DAY],
    ['0 0 1 * *', (365.2425 / 12) * DAY],
    ['0 0 29 2 *', ((400 * 365.2425) / 97) * DAY],
  ])('%s → %d ms', (expr, expected) => {
    expect(meanCronIntervalMs(cron(expr))).toBeCloseTo(expected, 3);
  });

  it('matches the gaps between actual fire times over a long run', () => {
    const schedule = cron('0 0 13 * FRI');
    const start = utcMs(2000, 1, 1);
    let t = start - 1;
    let n = 0;
    while ((t = nextCronTime(schedule, t)) < utcMs(2400, 1, 1)) n++;
    expect(meanCronIntervalMs(schedule)).toBeCloseTo((utcMs(2400, 1, 1) - start) / n, 6);
  });
});
