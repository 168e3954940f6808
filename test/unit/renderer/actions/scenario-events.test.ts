import { describe, expect, it } from 'vitest';
import {
  addScenarioEventAction,
  deleteScenarioEventAction,
  editScenarioEventAction,
} from '../../../../renderer/actions/scenario-events';
import { serializeDocument } from '../../../../shared/document';
import { after, expectUndoRedo, perform, stateOf } from './fixtures';

const events = (s: ReturnType<typeof stateOf>) => s.doc.document.scenario?.events ?? [];

describe('scenario events on the timeline', () => {
  it('adds an outage for a worker as one undo step, stored in the file format', async () => {
    const start = stateOf();
    const input = { nodeId: 'sender', kind: 'outage' as const, atMs: 60_000, durationMs: 300_000 };
    const result = await perform(addScenarioEventAction, start, input);
    const s = after(start, result);
    expect(events(s)).toEqual([
      {
        id: 'event-1',
        nodeId: 'sender',
        atMs: 60_000,
        durationMs: 300_000,
        change: { type: 'failureRate', failureRate: 1 },
      },
    ]);
    expect(serializeDocument(s.doc.document)).toContain('"scenario": {');
    await expectUndoRedo(start, result);
  });

  it('gives a spike three times the producer’s rate and a slow dependency a factor of 3', async () => {
    let s = stateOf();
    s = after(
      s,
      await perform(addScenarioEventAction, s, { nodeId: 'signup', kind: 'spike', atMs: 0 }),
    );
    s = after(
      s,
      await perform(addScenarioEventAction, s, { nodeId: 'sender', kind: 'slowdown', atMs: 0 }),
    );
    expect(events(s).map((e) => [e.id, e.change])).toEqual([
      ['event-1', { type: 'rate', ratePerSec: 60 }],
      ['event-2', { type: 'slowdown', factor: 3 }],
    ]);
  });

  it('moves and stretches an event (a drag is one undo step) and refuses a negative start', async () => {
    const start = after(
      stateOf(),
      await perform(addScenarioEventAction, stateOf(), {
        nodeId: 'sender',
        kind: 'outage',
        atMs: 1000,
        durationMs: 2000,
      }),
    );
    let s = start;
    for (const atMs of [1500, 2000, 2500]) {
      s = after(
        s,
        await perform(editScenarioEventAction, s, { id: 'event-1', patch: { atMs } }),
        100,
      );
    }
    expect(events(s)[0]).toMatchObject({ atMs: 2500, durationMs: 2000 });
    expect(s.doc.past.length - start.doc.past.length).toBe(1);
    s = after(
      s,
      await perform(editScenarioEventAction, s, {
        id: 'event-1',
        patch: { durationMs: undefined },
      }),
    );
    expect(events(s)[0]!.durationMs).toBeUndefined();
    const bad = await perform(editScenarioEventAction, s, { id: 'event-1', patch: { atMs: -5 } });
    expect(bad.doc).toBeUndefined();
    expect(bad.effects).toEqual([
      { type: 'toast', tone: 'warning', message: 'The start must be a number >= 0' },
    ]);
  });

  it('deletes the last event and with it the scenario, leaving the file as it was', async () => {
    const start = stateOf();
    const added = after(
      start,
      await perform(addScenarioEventAction, start, { nodeId: 'emails', kind: 'pause', atMs: 0 }),
    );
    const result = await perform(deleteScenarioEventAction, added, { id: 'event-1' });
    const s = after(added, result);
    expect(s.doc.document.scenario).toBeUndefined();
    expect(serializeDocument(s.doc.document)).toBe(serializeDocument(start.doc.document));
    await expectUndoRedo(added, result);
  });

  it('says so when no node is chosen', async () => {
    const result = await perform(addScenarioEventAction, stateOf(), {
      nodeId: 'nope',
      kind: 'pause',
      atMs: 0,
    });
    expect(result.effects).toEqual([
      { type: 'toast', tone: 'warning', message: 'Select a node to add an event to' },
    ]);
  });
});
