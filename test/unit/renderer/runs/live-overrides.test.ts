import { describe, expect, it } from 'vitest';
import type { WorkerNode, ProducerNode } from '../../../../shared/document';
import {
  describeOverrides,
  isDown,
  keepOverrides,
  summaryLines,
} from '../../../../renderer/runs/live-overrides';
import { keepLiveChangesAction } from '../../../../renderer/actions/keep-live-changes';
import { after, expectUndoRedo, perform, stateOf, welcomeDoc } from '../actions/fixtures';

const doc = welcomeDoc();
const sender = doc.nodes.find((n) => n.id === 'sender') as WorkerNode;
const signup = doc.nodes.find((n) => n.id === 'signup') as ProducerNode;

describe('live overrides on the canvas', () => {
  it('shows the live values in place of the design’s, marked with the design value', () => {
    const lines = summaryLines(sender, { concurrency: 40, failureRate: 0.4 });
    expect(lines).toEqual([
      { text: '40 × 1 replica', design: '10 × 1 replica' },
      { text: '~120 ms/job · 40% fail', design: '~120 ms/job' },
    ]);
    expect(summaryLines(signup, { ratePerSec: 60 })[0]).toEqual({
      text: 'poisson 60/s',
      design: 'poisson 20/s',
    });
    expect(summaryLines(signup, { ratePerSec: 0 })[0]!.text).toBe('stopped (rate 0)');
    // Back at the design value: nothing is marked.
    expect(summaryLines(sender, { concurrency: 10 }).every((l) => l.design === null)).toBe(true);
  });

  it('calls a worker with no replica alive down', () => {
    expect(isDown(sender, { replicas: 0 })).toBe(true);
    expect(summaryLines(sender, { replicas: 0 })[0]).toEqual({
      text: '10 × 0 replicas',
      design: '10 × 1 replica',
    });
    expect(isDown(sender, { replicas: 1 })).toBe(false);
    expect(isDown(sender, undefined)).toBe(false);
  });

  it('keeps overrides in the design as one undoable edit, leaving values a design cannot hold', async () => {
    const overrides = {
      signup: { ratePerSec: 60 },
      sender: { concurrency: 40, replicas: 0, failureRate: 0.4 },
      gone: { concurrency: 3 },
    };
    expect(describeOverrides(doc, overrides)).toEqual([
      'signup-api: poisson 60/s',
      'email-sender: concurrency 40',
      'email-sender: 0 replicas (not kept: a worker needs one)',
      'email-sender: 40% of attempts fail',
    ]);
    const kept = keepOverrides(doc, overrides);
    const keptSender = kept.nodes.find((n) => n.id === 'sender') as WorkerNode;
    expect(keptSender.config).toMatchObject({ concurrency: 40, replicas: 1, failureRate: 0.4 });
    expect((kept.nodes.find((n) => n.id === 'signup') as ProducerNode).config.arrival).toEqual({
      type: 'poisson',
      ratePerSec: 60,
    });

    const start = stateOf();
    const result = await perform(keepLiveChangesAction, start, { overrides });
    expect(after(start, result).doc.past).toHaveLength(1);
    await expectUndoRedo(start, result);
    const same = await perform(keepLiveChangesAction, start, { overrides: {} });
    expect(same.doc).toBeUndefined();
  });
});
