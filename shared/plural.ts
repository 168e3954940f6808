import { formatCount } from './metrics/format';

/** "1 edge", "2 edges", "1,051 jobs": a count with its noun in the right number. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n)} ${n === 1 ? word : many}`;
}
