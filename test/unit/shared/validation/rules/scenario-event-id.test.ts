import { describe, expect, it } from 'vitest';
import { scenarioEventId } from '../../../../../shared/validation/rules/scenario-event-id';
import { chain, run, withScenario } from '../build';

const pause = (id: string, atMs: number) => ({
  id,
  nodeId: 'q',
  atMs,
  durationMs: 10,
  change: { type: 'pause' as const },
});

describe('scenario-event-id', () => {
  it('accepts distinct ids', () => {
    expect(run(scenarioEventId, withScenario(chain(), [pause('a', 0), pause('b', 100)]))).toEqual(
      [],
    );
  });

  it('names each repeat and the event it repeats', () => {
    const doc = withScenario(chain(), [pause('a', 0), pause('b', 100), pause('a', 200)]);
    expect(run(scenarioEventId, doc)).toEqual([
      {
        rule: 'scenario-event-id',
        severity: 'error',
        message: 'scenario event "a" (scenario.events[2]) has the id "a" of scenario.events[0]',
        hint: 'give scenario.events[2] an id no other event has, e.g. "a-2"',
      },
    ]);
  });
});
