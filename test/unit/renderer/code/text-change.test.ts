import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedLines, textChange } from '../../../../renderer/code/text-change';

const apply = (text: string, c: { from: number; to: number; insert: string }) =>
  text.slice(0, c.from) + c.insert + text.slice(c.to);

describe('the change the code viewer applies on regeneration', () => {
  it('is nothing for equal texts', () => {
    expect(textChange('a\nb', 'a\nb')).toBeNull();
  });

  it('replaces only the part between the common start and end', () => {
    expect(textChange('concurrency: 10,\n', 'concurrency: 25,\n')).toEqual({
      from: 13,
      to: 15,
      insert: '25',
    });
    expect(textChange('abc', 'abXc')).toEqual({ from: 2, to: 2, insert: 'X' });
    expect(textChange('aaa', 'aa')).toEqual({ from: 2, to: 3, insert: '' });
  });

  it('always turns the old text into the new one', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        const change = textChange(before, after);
        expect(change === null ? before : apply(before, change)).toBe(after);
      }),
    );
  });

  it('marks the lines that changed, not the unchanged ones between them', () => {
    const before = ['a', 'concurrency: 10,', 'b', 'c', '// 10 jobs at a time', 'd'].join('\n');
    const after = ['a', 'concurrency: 25,', 'b', 'c', '// 25 jobs at a time', 'd'].join('\n');
    expect(changedLines(before, after, textChange(before, after)!)).toEqual([2, 5]);
  });

  it('marks added lines and nothing for removed ones', () => {
    const before = 'a\nb\nc';
    expect(changedLines(before, 'a\nb\nnew\nc', textChange(before, 'a\nb\nnew\nc')!)).toEqual([3]);
    expect(changedLines(before, 'a\nc', textChange(before, 'a\nc')!)).toEqual([]);
  });
});
