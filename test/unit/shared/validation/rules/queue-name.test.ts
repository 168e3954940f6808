import { describe, expect, it } from 'vitest';
import { queueName } from '../../../../../shared/validation/rules/queue-name';
import { chain, pipeline, queue, run, worker } from '../build';

describe('queue-name', () => {
  it('accepts ordinary queue names, and ":" in other nodes', () => {
    expect(run(queueName, chain())).toEqual([]);
    expect(
      run(queueName, pipeline([queue('q', {}, 'emails.v2-high'), worker('w', {}, 'a:b')], [])),
    ).toEqual([]);
  });

  it('refuses ":" in a queue name and suggests a fix', () => {
    const found = run(queueName, pipeline([queue('q', {}, 'mail:high')], []));
    expect(found).toEqual([
      {
        rule: 'queue-name',
        severity: 'error',
        nodeId: 'q',
        message: 'queue "mail:high" contains ":", which BullMQ does not allow in a queue name',
        hint: 'rename it, e.g. "mail-high"',
      },
    ]);
  });
});
