import { describe, expect, it } from 'vitest';
import {
  dragged,
  laneNodes,
  snapStep,
  ticks,
  timelineSpanMs,
} from '../../../../renderer/timeline/timeline-geometry';
import type { ScenarioEvent } from '../../../../shared/document';
import { welcomeDoc } from '../actions/fixtures';

const outage: ScenarioEvent = {
  id: 'down',
  nodeId: 'sender',
  atMs: 120_000,
  durationMs: 60_000,
  change: { type: 'failureRate', failureRate: 1 },
};

describe('the scenario timeline’s geometry', () => {
  it('spans the simulation, stretched to show every event with room past it', () => {
    expect(timelineSpanMs([outage], 600_000)).toBe(600_000);
    expect(timelineSpanMs([{ ...outage, atMs: 900_000 }], 600_000)).toBe(1_008_000);
    const { durationMs: _open, ...open } = { ...outage, atMs: 1_000_000 };
    expect(timelineSpanMs([open], 600_000)).toBe(1_155_000);
    expect(timelineSpanMs([], 0)).toBe(600_000);
  });

  it('ticks at round minutes and snaps drags to a hundredth of the span', () => {
    expect(ticks(600_000)).toEqual([0, 120_000, 240_000, 360_000, 480_000, 600_000]);
    expect(snapStep(600_000)).toBe(5000);
    expect(snapStep(60_000)).toBe(1000);
    expect(dragged(outage, 'move', 7_400, 5000)).toEqual({ atMs: 125_000, durationMs: 60_000 });
    expect(dragged(outage, 'move', -500_000, 5000)).toEqual({ atMs: 0, durationMs: 60_000 });
    expect(dragged(outage, 'resize', -80_000, 5000)).toEqual({ atMs: 120_000, durationMs: 5000 });
  });

  it('has a lane per node with events, the selected node, and a deleted node’s events', () => {
    const doc = {
      ...welcomeDoc(),
      scenario: { events: [outage, { ...outage, id: 'gone', nodeId: 'removed' }] },
    };
    expect(laneNodes(doc, 'signup')).toEqual(['signup', 'sender', 'removed']);
    expect(laneNodes(welcomeDoc(), null)).toEqual([]);
  });
});
