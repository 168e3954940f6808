import { describe, expect, it } from 'vitest';
import { duplicateName } from '../../../../../shared/validation/rules/duplicate-name';
import { chain, pipeline, producer, queue, run, worker } from '../build';

describe('duplicate-name', () => {
  it('accepts distinct names, and a queue and a worker sharing one', () => {
    expect(run(duplicateName, chain())).toEqual([]);
    const doc = pipeline([queue('q', {}, 'emails'), worker('w', {}, 'emails')], []);
    expect(run(duplicateName, doc)).toEqual([]);
  });

  it('flags every queue that shares a name', () => {
    const doc = pipeline(
      [queue('a', {}, 'emails'), queue('b', {}, 'emails'), queue('c', {}, 'sms')],
      [],
    );
    const found = run(duplicateName, doc);
    expect(found.map((d) => d.nodeId)).toEqual(['a', 'b']);
    expect(found[0]).toMatchObject({ rule: 'duplicate-name', severity: 'error' });
    expect(found[0]!.message).toBe(
      '2 queues are named "emails"; BullMQ identifies a queue by its name, so they would be one queue',
    );
  });

  it('flags workers that share a name', () => {
    const doc = pipeline(
      [worker('a', {}, 'sender'), worker('b', {}, 'sender'), worker('c', {}, 'sender')],
      [],
    );
    const found = run(duplicateName, doc);
    expect(found).toHaveLength(3);
    expect(found[2]!.message).toContain('3 workers are named "sender"');
    expect(found[2]!.hint).toBe('give each worker its own name');
  });

  it('lets producers share a name', () => {
    const doc = pipeline([producer('a', {}, 'api'), producer('b', {}, 'api')], []);
    expect(run(duplicateName, doc)).toEqual([]);
  });
});
