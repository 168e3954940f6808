import { describe, expect, it } from 'vitest';
import { plural } from '../../../shared/plural';

describe('plural', () => {
  it('writes one in the singular and every other count in the plural, with separators', () => {
    expect(plural(1, 'edge')).toBe('1 edge');
    expect(plural(0, 'edge')).toBe('0 edges');
    expect(plural(2, 'queue')).toBe('2 queues');
    expect(plural(1051, 'job')).toBe('1,051 jobs');
    expect(plural(1, 'replica')).toBe('1 replica');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
  });
});
