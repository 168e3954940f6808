import { describe, expect, it } from 'vitest';
import { nameWhitespace } from '../../../../../shared/validation/rules/name-whitespace';
import { chain, pipeline, producer, queue, run } from '../build';

describe('name-whitespace', () => {
  it('accepts names without surrounding whitespace', () => {
    expect(run(nameWhitespace, chain())).toEqual([]);
    expect(run(nameWhitespace, pipeline([queue('q', {}, 'welcome emails')], []))).toEqual([]);
  });

  it('warns about leading or trailing whitespace and proposes the trimmed name', () => {
    const found = run(nameWhitespace, pipeline([queue('q', {}, ' emails\t')], []));
    expect(found).toEqual([
      {
        rule: 'name-whitespace',
        severity: 'warning',
        nodeId: 'q',
        message: 'queue " emails\\t" starts or ends with whitespace',
        hint: 'rename it to "emails"',
      },
    ]);
  });

  it('warns about a blank name', () => {
    const found = run(nameWhitespace, pipeline([producer('p', {}, '   ')], []));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('a producer has a blank name (only spaces)');
  });
});
