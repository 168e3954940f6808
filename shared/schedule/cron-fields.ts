/**
 * Parsing of one cron field into the set of values it allows. The accepted syntax is the part of
 * cron-parser's (which BullMQ uses) that standard crontabs share, plus its `L` and `#` day forms,
 * so an expression accepted here also runs in BullMQ with the same meaning.
 */

export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  /** Three-letter names (upper case) and their values, for months and weekdays. */
  names?: Readonly<Record<string, number>>;
  /** How the range is written in messages, e.g. `0-7 or SUN-SAT`. */
  range: string;
}

const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const index = (names: string[], first: number) =>
  Object.fromEntries(names.map((n, i) => [n, i + first] as const));

export const SECOND: FieldSpec = { name: 'second', min: 0, max: 59, range: '0-59' };
export const MINUTE: FieldSpec = { name: 'minute', min: 0, max: 59, range: '0-59' };
export const HOUR: FieldSpec = { name: 'hour', min: 0, max: 23, range: '0-23' };
export const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31, range: '1-31' };
export const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: index(MONTH_NAMES, 1),
  range: '1-12 or JAN-DEC',
};
/** 0 and 7 are both Sunday. */
export const DAY_OF_WEEK: FieldSpec = {
  name: 'day-of-week',
  min: 0,
  max: 7,
  names: index(WEEKDAY_NAMES, 0),
  range: '0-7 or SUN-SAT',
};

export interface ParsedField {
  /** allowed[v] is true when value v is allowed (indexes below `min` stay false). */
  allowed: boolean[];
  /** Written as `*` or `?`: matters for the day-of-month / day-of-week OR rule. */
  wildcard: boolean;
  /** Day of month: `L`, the last day of the month. */
  lastDay: boolean;
  /** Day of week: weekdays written `nL`, the last such weekday of the month. */
  lastWeekdays: number[];
  /** Day of week: `n#k`, the k-th such weekday of the month (0 when absent). */
  nth: number;
}

export type FieldResult = { ok: true; field: ParsedField } | { ok: false; error: string };

class FieldError extends Error {}

/** Parses one field; errors read `minute field "61": must be 0-59`. */
/**
 * `daysInOnlyMonth`: when the month field names a single month, its length. cron-parser drops
 * day-of-month values past it before looking for repeats, so they do not count as repeats here.
 */
export function parseField(spec: FieldSpec, text: string, daysInOnlyMonth?: number): FieldResult {
  try {
    return { ok: true, field: parseOrThrow(spec, text, daysInOnlyMonth) };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { ok: false, error: `${spec.name} field ${JSON.stringify(text)}: ${error.message}` };
  }
}

function parseOrThrow(spec: FieldSpec, text: string, daysInOnlyMonth?: number): ParsedField {
  const isDay = spec === DAY_OF_MONTH || spec === DAY_OF_WEEK;
  const field: ParsedField = {
    allowed: new Array<boolean>(spec.max + 1).fill(false),
    wildcard: text === '*' || (isDay && text === '?'),
    lastDay: false,
    lastWeekdays: [],
    nth: 0,
  };
  if (spec === DAY_OF_WEEK && text.includes('#')) {
    const nth = /^([A-Za-z]{3}|\d+)#(\d+)$/.exec(text);
    if (!nth) {
      throw new FieldError('"#" must be written alone as weekday#n, e.g. FRI#3 (third Friday)');
    }
    const weekday = value(spec, nth[1]!, text);
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw new FieldError(`the n in weekday#n must be 1-5, got ${nth[2]}`);
    field.allowed[weekday % 7] = true;
    field.nth = k;
    return field;
  }
  const seen = new Set<string>();
  for (const item of text.split(',')) {
    for (const key of parseItem(spec, item, text, field)) {
      // cron-parser refuses a value listed twice, so this does too (BullMQ would not start).
      const dropped =
        spec === DAY_OF_MONTH && daysInOnlyMonth !== undefined && Number(key) > daysInOnlyMonth;
      if (seen.has(key) && !dropped) throw new FieldError(`${key} is listed more than once`);
      seen.add(key);
    }
  }
  if (spec === DAY_OF_WEEK && field.allowed[7]) field.allowed[0] = true;
  return field;
}

/** Marks the values of one list item; returns them as cron-parser lists them, to find repeats. */
function parseItem(spec: FieldSpec, item: string, text: string, field: ParsedField): string[] {
  if (item === '') throw new FieldError('empty list item; write values separated by single commas');
  // Letters inside names (the H of THU, the L of JUL) are not special characters.
  const bare = item.replace(/[A-Za-z]{3}/g, (m) =>
    spec.names?.[m.toUpperCase()] === undefined ? m : '0',
  );
  if (bare.includes('W')) {
    throw new FieldError('"W" (nearest weekday) is not supported; list the days instead');
  }
  if (bare.includes('H')) {
    throw new FieldError('"H" (hashed value) is not supported; write a number');
  }
  if (bare.includes('L')) return [parseLast(spec, item, text, field)];
  const [rangeText = '', stepText, extra] = item.split('/');
  if (extra !== undefined) throw new FieldError(`"${item}" has more than one "/"`);
  let step = 1;
  if (stepText !== undefined) {
    if (!/^\d+$/.test(stepText) || Number(stepText) < 1) {
      throw new FieldError(`the step in "${item}" must be a whole number >= 1`);
    }
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (rangeText === '*' || (rangeText === '?' && field.wildcard)) {
    [from, to] = [spec.min, spec.max];
  } else if (rangeText.includes('-')) {
    const [a = '', b = '', more] = rangeText.split('-');
    if (more !== undefined) throw new FieldError(`"${rangeText}" is not a range like 1-5`);
    [from, to] = [value(spec, a, text), value(spec, b, text)];
    if (from > to) {
      throw new FieldError(`range ${rangeText} runs backwards; write the smaller value first`);
    }
  } else {
    from = value(spec, rangeText, text);
    // `5/15` means from 5 to the end of the range, every 15 (as cron-parser reads it).
    to = stepText === undefined ? from : spec.max;
    if (stepText === undefined) {
      field.allowed[from] = true;
      return [String(spec === DAY_OF_WEEK ? from % 7 : from)];
    }
  }
  const keys: string[] = [];
  // cron-parser lists a weekday range ending on Sunday (7) with a 0 as well.
  if (spec === DAY_OF_WEEK && to === 7 && (to - from) % step === 0) keys.push('0');
  for (let v = from; v <= to; v += step) {
    field.allowed[v] = true;
    if (!keys.includes(String(v))) keys.push(String(v));
  }
  return keys;
}

function parseLast(spec: FieldSpec, item: string, text: string, field: ParsedField): string {
  if (spec === DAY_OF_MONTH) {
    if (item !== 'L') throw new FieldError(`"${item}": write L alone for the last day of month`);
    field.lastDay = true;
    return 'L';
  }
  if (spec === DAY_OF_WEEK) {
    const last = /^([A-Za-z]{3}|\d+)L$/.exec(item);
    if (!last) {
      throw new FieldError(`"${item}": write weekdayL, e.g. 5L or FRIL for the last Friday`);
    }
    const weekday = value(spec, last[1]!, text);
    field.lastWeekdays.push(weekday % 7);
    return `${weekday}L`;
  }
  throw new FieldError('"L" is only allowed in the day-of-month and day-of-week fields');
}

/** One value: a number in range, or a name for months and weekdays. */
function value(spec: FieldSpec, token: string, text: string): number {
  const named = spec.names?.[token.toUpperCase()];
  if (named !== undefined) return named;
  if (token === '') throw new FieldError('a value is missing before or after "-", "/" or "#"');
  const where = token === text ? '' : `${token} `;
  if (/^[A-Za-z]+$/.test(token)) {
    throw new FieldError(
      spec.names
        ? `${where}is not a known name; must be ${spec.range}`
        : `${where}is not a number; must be ${spec.range}`,
    );
  }
  if (!/^\d+$/.test(token)) throw new FieldError(`${where}is not a number; must be ${spec.range}`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) throw new FieldError(`${where}must be ${spec.range}`);
  return n;
}
