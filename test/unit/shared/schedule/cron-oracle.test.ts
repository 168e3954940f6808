import { CronExpressionParser } from 'cron-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../../../shared/schedule/cron';

/**
 * cron-parser is what BullMQ runs schedules with, so it is the reference: every expression we
 * accept must be accepted there and fire at the same instants.
 */
const reference = (expr: string, afterMs: number, n: number): number[] => {
  const it = CronExpressionParser.parse(expr, { currentDate: new Date(afterMs), tz: 'UTC' });
  return Array.from({ length: n }, () => it.next().getTime());
};
const ours = (expr: string, afterMs: number, n: number): number[] => {
  const parsed = parseCron(expr);
  if (!parsed.ok) throw new Error(parsed.error);
  const out: number[] = [];
  let t = afterMs;
  for (let i = 0; i < n; i++) out.push((t = nextCronTime(parsed.cron, t)));
  return out;
};

const field = (min: number, max: number, names: string[] = []) => {
  const value = fc.oneof(
    fc.integer({ min, max }).map(String),
    ...(names.length > 0 ? [fc.constantFrom(...names)] : []),
  );
  const range = fc
    .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
    .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`);
  const step = fc.integer({ min: 1, max: Math.max(2, Math.floor((max - min) / 2)) });
  const item = fc.oneof(
    value,
    range,
    step.map((s) => `*/${s}`),
    fc.tuple(range, step).map(([r, s]) => `${r}/${s}`),
    fc.tuple(value, step).map(([v, s]) => `${v}/${s}`),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 4, arbitrary: item },
    {
      weight: 2,
      arbitrary: fc
        .uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 5 })
        .map((a) => a.join(',')),
    },
    // A list mixing ranges and values: sometimes repeats a value, which both sides must refuse.
    {
      weight: 1,
      arbitrary: fc.array(item, { minLength: 2, maxLength: 3 }).map((a) => a.join(',')),
    },
  );
};

const months = ['JAN', 'feb', 'Mar', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const weekdays = ['SUN', 'mon', 'Tue', 'WED', 'THU', 'FRI', 'SAT'];
const dayOfMonth = fc.oneof(
  { weight: 6, arbitrary: field(1, 31) },
  { weight: 1, arbitrary: fc.constantFrom('L', '?', '1,L', 'L,15') },
);
const dayOfWeek = fc.oneof(
  { weight: 6, arbitrary: field(0, 7, weekdays) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constant('?'),
      fc
        .tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 5 }))
        .map(([d, k]) => `${d}#${k}`),
      fc.integer({ min: 0, max: 6 }).map((d) => `${d}L`),
      fc.constantFrom('FRIL', 'MON#2', '1,5L'),
    ),
  },
);
const expression = fc
  .tuple(
    fc.option(field(0, 59), { nil: undefined }),
    field(0, 59),
    field(0, 23),
    dayOfMonth,
    field(1, 12, months),
    dayOfWeek,
  )
  .map(([s, ...rest]) => (s === undefined ? rest : [s, ...rest]).join(' '));
const instant = fc.oneof(
  fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }),
  fc
    .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2090, 0, 1) / 1000 })
    .map((s) => s * 1000),
);

describe('cron against cron-parser (what BullMQ uses)', () => {
  it('fires at the same instants for random expressions', () => {
    let accepted = 0;
    fc.assert(
      fc.property(expression, instant, (expr, after) => {
        if (!parseCron(expr).ok) {
          // Nothing BullMQ would run is refused here except a schedule that never fires.
          const error = (parseCron(expr) as { error: string }).error;
          if (!error.includes('never fires')) {
            expect(() => reference(expr, after, 1), `${expr}: ${error}`).toThrow();
          }
          return;
        }
        accepted++;
        expect(ours(expr, after, 4), expr).toEqual(reference(expr, after, 4));
      }),
      // The seed is fixed in test/helpers/fast-check-setup.ts; FC_RUNS explores further by hand.
      { numRuns: Number(process.env.FC_RUNS ?? 400) },
    );
    // The generator must mostly produce accepted expressions, or the test proves little.
    expect(accepted).toBeGreaterThan(200);
  });

  it.each([
    '0 2 * * *',
    '*/5 * * * *',
    '0 9 * * MON-FRI',
    '0 0 13 * 5',
    '0 0 L * *',
    '0 0 * * 5#3',
    '0 0 * * 5L',
    '0 0 29 2 *',
    '@daily',
    '@weekly',
    '@monthly',
    '@yearly',
    '@hourly',
    '0 */10 * * * *',
    // cron-parser drops days past a single month's length before looking for repeats.
    '* 0,1 */1,31 4-4/1 0,1',
    '0 0 30,1-31 2 *',
  ])('%s agrees for the next 20 fires', (expr) => {
    const after = Date.UTC(2025, 0, 15, 12, 0, 0);
    expect(ours(expr, after, 20)).toEqual(reference(expr, after, 20));
  });
});
