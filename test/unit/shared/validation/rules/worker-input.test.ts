import { describe, expect, it } from 'vitest';
import { workerInput } from '../../../../../shared/validation/rules/worker-input';
import { chain, edge, pipeline, queue, run, worker } from '../build';

describe('worker-input', () => {
  it('accepts a worker consuming exactly one queue', () => {
    expect(run(workerInput, chain())).toEqual([]);
  });

  it('flags a worker with no input queue', () => {
    const doc = pipeline([worker('w', {}, 'email-sender')], []);
    expect(run(workerInput, doc)).toEqual([
      {
        rule: 'worker-input',
        severity: 'error',
        nodeId: 'w',
        message: 'worker "email-sender" has no input queue, so it never gets a job',
        hint: 'connect the queue it should consume to it (queue → worker), or delete it',
      },
    ]);
  });

  it('flags a worker consuming two queues, naming them', () => {
    const doc = pipeline(
      [queue('a', {}, 'emails'), queue('b', {}, 'sms'), worker('w', {}, 'sender')],
      [edge('a', 'w'), edge('b', 'w')],
    );
    const found = run(workerInput, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe(
      'worker "sender" consumes 2 queues ("emails", "sms"); a BullMQ worker consumes exactly one',
    );
  });

  it('counts one queue drawn twice as one input', () => {
    const doc = pipeline(
      [queue('q'), worker('w')],
      [edge('q', 'w'), { ...edge('q', 'w'), id: 'again' }],
    );
    expect(run(workerInput, doc)).toEqual([]);
  });
});
