import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../shared/api/contract';
import type { PipelineDocument } from '../../../../../shared/document';
import { checkDocument } from '../../../../../main/services/runs/document';
import { welcomeDoc } from '../../../renderer/actions/fixtures';

const pause = (id: string, atMs: number) => ({
  id,
  nodeId: 'emails',
  atMs,
  durationMs: 10_000,
  change: { type: 'pause' as const },
});

describe('checkDocument and scenarios', () => {
  it('runs a document whose scenario the runner can play', () => {
    const doc: PipelineDocument = { ...welcomeDoc(), scenario: { events: [pause('a', 1000)] } };
    expect(checkDocument(doc).scenario!.events).toHaveLength(1);
  });

  it('refuses a scenario the runner would play wrong, saying which events and how to fix it', () => {
    const doc = { ...welcomeDoc(), scenario: { events: [pause('a', 1000), pause('b', 5000)] } };
    expect(() => checkDocument(doc)).toThrow(ApiError);
    expect(() => checkDocument(doc)).toThrow(
      'this pipeline cannot run: scenario event "b" changes the pause of queue "emails" at 5 s, ' +
        'while scenario event "a" (1 s to 11 s) still does (start it at 11000 ms or later, or ' +
        'shorten the earlier event to end by 5000 ms)',
    );
  });
});
