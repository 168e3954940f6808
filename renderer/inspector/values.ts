import { getIn, type PathKey } from '../editing/edit';

/** The value several selected nodes disagree on. */
export const MIXED = Symbol('mixed');
export type Shown<T> = T | typeof MIXED;

/** The value at `path` shared by all `items`, or MIXED when they differ. */
export function commonValue<T>(
  items: readonly unknown[],
  path: readonly PathKey[],
): Shown<T | undefined> {
  const first = getIn(items[0], path);
  for (let i = 1; i < items.length; i++) {
    const v = getIn(items[i], path);
    if (JSON.stringify(v) !== JSON.stringify(first)) return MIXED;
  }
  return first as T | undefined;
}

/** Commits a value and returns the problem with it, or null when it was applied. */
export type Commit = (value: unknown) => string | null;
