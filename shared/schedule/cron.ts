import {
  DAYS_PER_CYCLE,
  MS_PER_DAY,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  monthShapesPerCycle,
  weekdayOfDays,
} from './calendar';
import {
  DAY_OF_MONTH,
  DAY_OF_WEEK,
  HOUR,
  MINUTE,
  MONTH,
  SECOND,
  parseField,
  type FieldSpec,
  type ParsedField,
} from './cron-fields';

/**
 * A parsed cron expression, evaluated in UTC. Treat it as opaque: build it with `parseCron`,
 * use it with `nextCronTime` and `meanCronIntervalMs`.
 */
export interface CronSchedule {
  readonly expression: string;
  /** nextX[v]: the smallest allowed value >= v, or -1; one entry past the maximum (always -1). */
  readonly nextSecond: readonly number[];
  readonly nextMinute: readonly number[];
  readonly nextHour: readonly number[];
  readonly months: readonly boolean[];
  readonly dayOfMonth: ParsedField;
  readonly dayOfWeek: ParsedField;
  /** Fire times per matching day. */
  readonly perDay: number;
  /** Matching days in one 400-year Gregorian cycle (> 0: a schedule that never fires is refused). */
  readonly daysPerCycle: number;
}

export type CronParseResult = { ok: true; cron: CronSchedule } | { ok: false; error: string };

/** The macros cron-parser (and so BullMQ) knows, as 6-field expressions. */
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
  '@minutely': '0 * * * * *',
  '@secondly': '* * * * * *',
  '@weekdays': '0 0 0 * * 1-5',
  '@weekends': '0 0 0 * * 0,6',
};

const FIELDS_5 = 'minute hour day-of-month month day-of-week';
export const MAX_CRON_LENGTH = 1024;

/**
 * Parses a 5-field cron expression (minute hour day-of-month month day-of-week), a 6-field one
 * with seconds first, or a macro such as `@daily`. Never throws; a bad expression gives an error
 * naming the field and the rule, e.g. `minute field "61": must be 0-59`.
 */
export function parseCron(expr: string): CronParseResult {
  const fail = (error: string): CronParseResult => ({ ok: false, error });
  if (typeof expr !== 'string') return fail('cron expression must be a string');
  if (expr.length > MAX_CRON_LENGTH) {
    return fail(`cron expression is longer than ${MAX_CRON_LENGTH} characters`);
  }
  const trimmed = expr.trim();
  if (trimmed === '') return fail(`cron expression is empty; expected 5 fields: ${FIELDS_5}`);
  let source = trimmed;
  if (trimmed.startsWith('@')) {
    const macro = MACROS[trimmed];
    if (macro === undefined) {
      return fail(
        `unknown macro ${JSON.stringify(trimmed)}; use one of ${Object.keys(MACROS).join(', ')}`,
      );
    }
    if (trimmed !== expr) return fail(`remove the spaces around ${trimmed}`);
    source = macro;
  }
  const parts = source.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    return fail(`expected 5 fields (${FIELDS_5}) or 6 with seconds first, got ${parts.length}`);
  }
  const texts = parts.length === 5 ? ['0', ...parts] : parts;
  const specs = [SECOND, MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK];
  const monthField = parseField(MONTH, texts[4]!);
  const onlyMonth = monthField.ok ? singleMonth(monthField.field) : undefined;
  // cron-parser's month lengths (February counts 29) decide which days are dropped.
  const daysInOnlyMonth = onlyMonth === undefined ? undefined : CRON_PARSER_DAYS[onlyMonth - 1];
  const fields: ParsedField[] = [];
  for (let i = 0; i < specs.length; i++) {
    const parsed = parseField(specs[i]!, texts[i]!, i === 3 ? daysInOnlyMonth : undefined);
    if (!parsed.ok) return fail(parsed.error);
    fields.push(parsed.field);
  }
  const [second, minute, hour, dayOfMonth, month, dayOfWeek] = fields as [
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
    ParsedField,
  ];
  const count = (f: ParsedField) => f.allowed.filter(Boolean).length;
  const partial: Omit<CronSchedule, 'daysPerCycle'> = {
    expression: expr,
    nextSecond: nextTable(second, SECOND),
    nextMinute: nextTable(minute, MINUTE),
    nextHour: nextTable(hour, HOUR),
    months: month.allowed,
    dayOfMonth,
    dayOfWeek,
    perDay: count(second) * count(minute) * count(hour),
  };
  const daysPerCycle = countDaysPerCycle(partial);
  if (daysPerCycle === 0) {
    return fail(
      `the schedule never fires: no date has day-of-month ${JSON.stringify(texts[3])}, month ${JSON.stringify(texts[4])} and day-of-week ${JSON.stringify(texts[5])}`,
    );
  }
  return { ok: true, cron: { ...partial, daysPerCycle } };
}

const CRON_PARSER_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The month a month field allows, when it allows exactly one. */
function singleMonth(field: ParsedField): number | undefined {
  const months = field.allowed.flatMap((allowed, month) => (allowed ? [month] : []));
  return months.length === 1 ? months[0] : undefined;
}

function nextTable(field: ParsedField, spec: FieldSpec): number[] {
  const table = new Array<number>(spec.max + 2).fill(-1);
  for (let v = spec.max; v >= spec.min; v--) {
    table[v] = field.allowed[v] ? v : table[v + 1]!;
  }
  return table;
}

/** Standard cron day rule: when both day fields are restricted, a day matching either fires. */
function dayMatches(
  cron: Omit<CronSchedule, 'daysPerCycle'>,
  day: number,
  length: number,
  weekday: number,
): boolean {
  const { dayOfMonth: dom, dayOfWeek: dow } = cron;
  if (dom.wildcard && dow.wildcard) return true;
  const domMatch = dom.allowed[day] === true || (dom.lastDay && day === length);
  const dowMatch =
    (dow.allowed[weekday] === true && (dow.nth === 0 || Math.ceil(day / 7) === dow.nth)) ||
    (day + 7 > length && dow.lastWeekdays.includes(weekday));
  if (dom.wildcard) return dowMatch;
  if (dow.wildcard) return domMatch;
  return domMatch || dowMatch;
}

function countDaysPerCycle(cron: Omit<CronSchedule, 'daysPerCycle'>): number {
  let total = 0;
  for (const shape of monthShapesPerCycle()) {
    if (!cron.months[shape.month]) continue;
    let days = 0;
    for (let day = 1; day <= shape.length; day++) {
      if (dayMatches(cron, day, shape.length, (shape.firstWeekday + day - 1) % 7)) days++;
    }
    total += days * shape.count;
  }
  return total;
}

/** Days searched before giving up: more than one full 400-year cycle, so never reached. */
const SEARCH_LIMIT_DAYS = DAYS_PER_CYCLE + 400;

/**
 * The first fire time strictly after `afterMs` (epoch ms, UTC). Walks day by day only over
 * allowed months and finds the time of day from lookup tables, so even a yearly schedule costs a
 * few hundred cheap steps.
 */
export function nextCronTime(cron: CronSchedule, afterMs: number): number {
  if (!Number.isFinite(afterMs)) throw new RangeError(`afterMs must be finite, got ${afterMs}`);
  // The smallest whole second strictly after afterMs.
  const startMs = Math.floor(afterMs / 1000) * 1000 + 1000;
  let days = Math.floor(startMs / MS_PER_DAY);
  let secondOfDay = (startMs - days * MS_PER_DAY) / 1000;
  let { year, month, day } = civilFromDays(days);
  let length = daysInMonth(year, month);
  for (let steps = 0; steps < SEARCH_LIMIT_DAYS; steps++) {
    if (!cron.months[month]) {
      days += length - day + 1;
      [day, secondOfDay] = [1, 0];
      if (++month > 12) [month, year] = [1, year + 1];
      length = daysInMonth(year, month);
      continue;
    }
    if (dayMatches(cron, day, length, weekdayOfDays(days))) {
      const time = nextTimeOfDay(cron, secondOfDay);
      if (time >= 0) return days * MS_PER_DAY + time * 1000;
    }
    days++;
    secondOfDay = 0;
    if (++day > length) {
      day = 1;
      if (++month > 12) [month, year] = [1, year + 1];
      length = daysInMonth(year, month);
    }
  }
  return Infinity; // unreachable for a schedule from parseCron, which fires in every cycle
}

/** The first allowed second of the day >= `from`, or -1 when none is left that day. */
function nextTimeOfDay(cron: CronSchedule, from: number): number {
  const h0 = Math.floor(from / 3600);
  const m0 = Math.floor((from % 3600) / 60);
  const s0 = from % 60;
  const first = (h: number) => h * 3600 + cron.nextMinute[0]! * 60 + cron.nextSecond[0]!;
  const h = cron.nextHour[h0]!;
  if (h < 0) return -1;
  if (h > h0) return first(h);
  const m = cron.nextMinute[m0]!;
  if (m === m0) {
    const s = cron.nextSecond[s0]!;
    if (s >= 0) return h * 3600 + m * 60 + s;
  }
  const later = m > m0 ? m : cron.nextMinute[m0 + 1]!;
  if (later >= 0) return h * 3600 + later * 60 + cron.nextSecond[0]!;
  const nextHour = cron.nextHour[h0 + 1]!;
  return nextHour < 0 ? -1 : first(nextHour);
}

/**
 * The long-run mean time between fire times in ms: the exact average over a 400-year Gregorian
 * cycle (after which the calendar repeats), so `0 2 * * *` gives exactly one day and a Feb-29
 * schedule its true rarity. Used to turn a schedule into an arrival rate.
 */
export function meanCronIntervalMs(cron: CronSchedule): number {
  return (DAYS_PER_CYCLE * MS_PER_DAY) / (cron.daysPerCycle * cron.perDay);
}

/** For tests and tools: epoch ms of a UTC civil date-time, free of `Date.UTC`'s 2-digit years. */
export const utcMs = (year: number, month: number, day: number, h = 0, m = 0, s = 0): number =>
  daysFromCivil(year, month, day) * MS_PER_DAY + ((h * 60 + m) * 60 + s) * 1000;
