import { afterEach, describe, expect, it } from 'vitest';
import {
  formatMeanCount,
  waitingChildrenFigures,
} from '../../../../renderer/analysis/waiting-children-view';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  resetAnalysisStore,
  seek,
} from '../../../../renderer/state/analysis-store';
import { readExample, simulated as simulateInto } from './fixtures';
import { snapshotAt } from './snapshots';

const doc = readExample('report-fanout');

/** The report fan-out simulated and streamed into the analysis store, as Simulate does. */
const simulated = (durationMs: number, finish = true) =>
  simulateInto(doc, durationMs, { seed: 5, finish });

const figures = (id: string) => waitingChildrenFigures(analysisStore.getState(), id);

afterEach(() => resetAnalysisStore());

describe("a flow's parent queue: parents waiting for their children", () => {
  it('once finished, says the Results mean, with the max in its tooltip', () => {
    const { summary } = simulated(120_000);
    const join = summary.nodes.assemble;
    if (join?.kind !== 'queue' || !join.waitingChildren) throw new Error('no waitingChildren');
    // 0.5 reports/s, each waiting about 2 s for the slowest of its 20 parts: about one at a time.
    expect(join.waitingChildren.mean).toBeGreaterThan(0.5);
    expect(join.waitingChildren.mean).toBeLessThan(2);
    expect(figures('assemble')).toEqual({
      mode: 'final',
      value: formatMeanCount(join.waitingChildren.mean),
      qualifier: '(mean)',
      about: `Parents in BullMQ’s waiting-children state: each starts once all its children are done. Mean over the whole simulation, at most ${join.waitingChildren.max}, as in Results`,
    });
    expect(figures('assemble')!.value).toMatch(/^\d\.\d+$/);
  });

  it("on a frame of the timeline, says that frame's count", () => {
    const { frames } = simulated(60_000);
    const at = frames.findIndex(
      (f) => f.nodes.assemble?.kind === 'queue' && (f.nodes.assemble.waitingChildren ?? 0) >= 2,
    );
    expect(at).toBeGreaterThan(0);
    seek(at);
    const frame = frames[at]!.nodes.assemble!;
    expect(frame.kind === 'queue' && frame.waitingChildren).toBeGreaterThanOrEqual(2);
    expect(figures('assemble')).toMatchObject({
      mode: 'frame',
      value: String(frame.kind === 'queue' && frame.waitingChildren),
      qualifier: null,
    });
  });

  it('while a simulation streams, says the newest count', () => {
    const { frames } = simulated(10_000, false);
    const last = frames.at(-1)!.nodes.assemble!;
    expect(figures('assemble')).toMatchObject({
      mode: 'live',
      value: String(last.kind === 'queue' && last.waitingChildren),
    });
  });

  it("in a real run, says the newest frame's count, which the runner puts in its snapshots", () => {
    const frame = (t: number, waitingChildren: number) => {
      const s = snapshotAt(t, 1);
      const q = s.nodes.q!;
      if (q.kind === 'queue') q.waitingChildren = waitingChildren;
      return s;
    };
    beginAnalysis('run', { label: 'run' });
    appendSnapshots([frame(250, 3), frame(500, 7)]);
    expect(figures('q')).toMatchObject({ mode: 'live', value: '7', qualifier: null });
    expect(figures('q')!.about).toMatch(/\. Now$/);
  });

  it('says nothing for a queue no flow joins on, nor before any figures', () => {
    expect(figures('assemble')).toBeNull();
    simulated(10_000);
    expect(figures('report-parts')).toBeNull();
    expect(figures('reports')).toBeNull();
  });

  it('keeps the decimals of a small mean and shortens large counts', () => {
    expect(formatMeanCount(1.0834)).toBe('1.08');
    expect(formatMeanCount(0.0266)).toBe('0.0266');
    expect(formatMeanCount(3)).toBe('3');
    expect(formatMeanCount(12.4)).toBe('12');
    expect(formatMeanCount(12_345)).toBe('12.3k');
  });
});
