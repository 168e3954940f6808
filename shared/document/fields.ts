import { z } from 'zod';

/**
 * Field builders whose messages read well after a path, e.g.
 * `nodes[3].config.concurrency: must be an integer >= 1, got 0`. Each builder uses one message for
 * every way the value can be wrong (type, integer-ness, range), so the reader learns the rule.
 */

export const intAtLeast = (min: number, max?: number) => {
  const message =
    max === undefined ? `must be an integer >= ${min}` : `must be an integer from ${min} to ${max}`;
  const base = z.number({ error: message }).int({ error: message }).min(min, { error: message });
  return max === undefined ? base : base.max(max, { error: message });
};

export const numberAtLeast = (min: number, { exclusive = false } = {}) => {
  const message = `must be a number ${exclusive ? '>' : '>='} ${min}`;
  const base = z.number({ error: message });
  return exclusive ? base.gt(min, { error: message }) : base.min(min, { error: message });
};

export const fraction = () => {
  const message = 'must be a number from 0 to 1';
  return z.number({ error: message }).min(0, { error: message }).max(1, { error: message });
};

export const finiteNumber = () => z.number({ error: 'must be a finite number' });

export const nonEmptyString = (what: string, maxLength = 200) => {
  const message = `must be a non-empty ${what} of at most ${maxLength} characters`;
  return z.string({ error: message }).min(1, { error: message }).max(maxLength, { error: message });
};

export const bool = () => z.boolean({ error: 'must be true or false' });

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}` });

/** A discriminated union whose error names the discriminator and its allowed values. */
export const tagged = <
  const K extends string,
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(
  key: K,
  values: readonly string[],
  options: T,
) =>
  z.discriminatedUnion(key, options, {
    error: `needs "${key}" set to one of ${values.map((v) => JSON.stringify(v)).join(', ')}`,
  });
