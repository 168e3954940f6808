import { describe, expect, it } from 'vitest';
import { scenarioTarget } from '../../../../../shared/validation/rules/scenario-target';
import { chain, edge, pipeline, producer, queue, run, withScenario, worker } from '../build';

describe('scenario-target', () => {
  it('accepts each change on its kind of node', () => {
    const doc = withScenario(chain(), [
      {
        id: 'a',
        nodeId: 'w',
        atMs: 0,
        durationMs: 10,
        change: { type: 'failureRate', failureRate: 1 },
      },
      { id: 'b', nodeId: 'w', atMs: 0, change: { type: 'slowdown', factor: 2 } },
      { id: 'c', nodeId: 'w', atMs: 0, change: { type: 'replicas', replicas: 0 } },
      { id: 'd', nodeId: 'p', atMs: 0, change: { type: 'rate', ratePerSec: 5 } },
      { id: 'e', nodeId: 'q', atMs: 0, change: { type: 'pause' } },
    ]);
    expect(run(scenarioTarget, doc)).toEqual([]);
    expect(run(scenarioTarget, chain())).toEqual([]);
  });

  it('names an event whose node is missing', () => {
    const doc = withScenario(chain(), [
      {
        id: 'e1',
        name: 'Payment API down',
        nodeId: 'gone',
        atMs: 0,
        change: { type: 'failureRate', failureRate: 1 },
      },
    ]);
    expect(run(scenarioTarget, doc)).toEqual([
      {
        rule: 'scenario-target',
        severity: 'error',
        message:
          'scenario event "Payment API down" changes node "gone", which is not in the pipeline',
        hint: 'set its nodeId to the id of a worker, or delete the event',
      },
    ]);
  });

  it('refuses a change on the wrong kind of node, saying what that kind can change', () => {
    const doc = withScenario(chain(), [
      { id: 'e1', nodeId: 'q', atMs: 0, change: { type: 'failureRate', failureRate: 1 } },
      { id: 'e2', nodeId: 'w', atMs: 0, change: { type: 'rate', ratePerSec: 1 } },
      { id: 'e3', nodeId: 'p', atMs: 0, change: { type: 'pause' } },
    ]);
    expect(run(scenarioTarget, doc)).toEqual([
      {
        rule: 'scenario-target',
        severity: 'error',
        nodeId: 'q',
        message:
          'scenario event "e1" changes the failure rate of queue "q", but only a worker has one',
        hint: 'point the event at a worker, or pick a change that a queue has (pause)',
      },
      expect.objectContaining({
        nodeId: 'w',
        message:
          'scenario event "e2" changes the arrival rate of worker "w", but only a producer has one',
        hint: 'point the event at a producer, or pick a change that a worker has (failureRate, slowdown, replicas)',
      }),
      expect.objectContaining({
        nodeId: 'p',
        message: expect.stringContaining('the pause of producer "p"'),
      }),
    ]);
  });

  it('refuses a rate change on a cron producer', () => {
    const doc = withScenario(
      pipeline(
        [
          producer('p', { arrival: { type: 'schedule', cron: '0 * * * *' } }),
          queue('q'),
          worker('w'),
        ],
        [edge('p', 'q'), edge('q', 'w')],
      ),
      [{ id: 'e', nodeId: 'p', atMs: 0, change: { type: 'rate', ratePerSec: 1 } }],
    );
    expect(run(scenarioTarget, doc)).toEqual([
      expect.objectContaining({
        nodeId: 'p',
        message:
          'scenario event "e" changes the arrival rate of producer "p", which runs on a cron schedule and has no rate',
      }),
    ]);
  });
});
