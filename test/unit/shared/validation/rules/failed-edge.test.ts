import { describe, expect, it } from 'vitest';
import { failedEdge } from '../../../../../shared/validation/rules/failed-edge';
import { edge, pipeline, producer, queue, run, worker } from '../build';

describe('failed-edge', () => {
  it('accepts a worker moving failed jobs to a dead-letter queue', () => {
    const doc = pipeline(
      [queue('q'), worker('w'), queue('dlq')],
      [edge('q', 'w'), edge('w', 'dlq', { on: 'failed' })],
    );
    expect(run(failedEdge, doc)).toEqual([]);
  });

  it('refuses a failed edge that leads to a worker', () => {
    const doc = pipeline(
      [queue('q'), worker('w', {}, 'sender'), worker('w2', {}, 'alerts')],
      [edge('q', 'w'), edge('w', 'w2', { on: 'failed' })],
    );
    const found = run(failedEdge, doc);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'failed-edge',
      severity: 'error',
      edgeId: 'w->w2:failed',
    });
    expect(found[0]!.message).toContain(
      'failed edge "sender" → "alerts" leads to worker "alerts", not to a queue',
    );
    expect(found[0]!.hint).toContain('dead-letter queue');
  });

  it('refuses a failed edge that does not start at a worker', () => {
    const doc = pipeline(
      [producer('p', {}, 'signup'), queue('q', {}, 'emails')],
      [edge('p', 'q', { on: 'failed' })],
    );
    const found = run(failedEdge, doc);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('starts at producer "signup", not at a worker');
    expect(found[0]!.hint).toContain('remove "on": "failed"');
  });

  it('names both problems at once', () => {
    const doc = pipeline([queue('a'), producer('p')], [edge('a', 'p', { on: 'failed' })]);
    expect(run(failedEdge, doc)[0]!.message).toContain('not at a worker and leads to producer');
  });

  it('ignores completed edges', () => {
    const doc = pipeline([producer('p'), worker('w')], [edge('p', 'w')]);
    expect(run(failedEdge, doc)).toEqual([]);
  });
});
