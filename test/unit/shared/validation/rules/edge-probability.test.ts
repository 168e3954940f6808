import { describe, expect, it } from 'vitest';
import { edgeProbabilityRule } from '../../../../../shared/validation/rules/edge-probability';
import { chain, edge, pipeline, producer, queue, run, worker } from '../build';

describe('edge-probability', () => {
  it('accepts probabilities on a worker’s completed edges, which need not sum to 1', () => {
    const doc = pipeline(
      [queue('q'), worker('w'), queue('a'), queue('b')],
      [edge('q', 'w'), edge('w', 'a', { probability: 0.9 }), edge('w', 'b', { probability: 0.8 })],
    );
    expect(run(edgeProbabilityRule, doc)).toEqual([]);
    expect(run(edgeProbabilityRule, chain())).toEqual([]);
  });

  it('warns about a probability on a producer → queue edge', () => {
    const doc = pipeline(
      [producer('p', {}, 'api'), queue('q', {}, 'emails')],
      [edge('p', 'q', { probability: 0.5 })],
    );
    const found = run(edgeProbabilityRule, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'edge-probability',
      severity: 'warning',
      edgeId: 'p->q',
    });
    expect(found[0]!.message).toBe(
      'edge "api" → "emails" has probability 0.5, which is ignored: a producer → queue edge always carries every job',
    );
  });

  it('accepts a probability on a failed edge: the simulator and the runner route with it', () => {
    const doc = pipeline(
      [queue('q'), worker('w'), queue('dlq')],
      [edge('q', 'w'), edge('w', 'dlq', { on: 'failed', probability: 0.1 })],
    );
    expect(run(edgeProbabilityRule, doc)).toEqual([]);
  });

  it('warns about a probability on a queue → worker edge', () => {
    const doc = pipeline(
      [queue('q', {}, 'emails'), worker('w', {}, 'sender')],
      [edge('q', 'w', { probability: 0.5 })],
    );
    expect(run(edgeProbabilityRule, doc)).toEqual([
      expect.objectContaining({
        edgeId: 'q->w',
        message:
          'edge "emails" → "sender" has probability 0.5, which is ignored: a queue → worker edge always carries every job',
        hint: 'remove the probability; only worker → queue edges use one',
      }),
    ]);
  });
});
