import { describe, expect, it } from 'vitest';
import { scenarioOverlap } from '../../../../../shared/validation/rules/scenario-overlap';
import { chain, run, withScenario } from '../build';

const fail = (id: string, atMs: number, durationMs?: number) => ({
  id,
  nodeId: 'w',
  atMs,
  ...(durationMs === undefined ? {} : { durationMs }),
  change: { type: 'failureRate' as const, failureRate: 1 },
});

describe('scenario-overlap', () => {
  it('accepts back-to-back events, and different changes on one node at once', () => {
    const doc = withScenario(chain(), [
      fail('a', 0, 60_000),
      fail('b', 60_000, 1000),
      { id: 'c', nodeId: 'w', atMs: 0, change: { type: 'slowdown', factor: 3 } },
    ]);
    expect(run(scenarioOverlap, doc)).toEqual([]);
  });

  it('refuses two events of one change overlapping on one node, in time order', () => {
    const doc = withScenario(chain(), [fail('late', 30_000, 1000), fail('early', 0, 60_000)]);
    expect(run(scenarioOverlap, doc)).toEqual([
      {
        rule: 'scenario-overlap',
        severity: 'error',
        nodeId: 'w',
        message:
          'scenario event "late" changes the failure rate of worker "w" at 30 s, while scenario event "early" (0 ms to 1 min) still does',
        hint: 'start it at 60000 ms or later, or shorten the earlier event to end by 30000 ms',
      },
    ]);
  });

  it('says how to bound an event that lasts to the end', () => {
    const doc = withScenario(chain(), [fail('a', 0), fail('b', 5000, 10)]);
    const [found] = run(scenarioOverlap, doc);
    expect(found?.message).toContain('(0 ms to the end)');
    expect(found?.hint).toBe(
      'give the earlier event a durationMs of at most 5000 ms, or merge the two events',
    );
  });
});
