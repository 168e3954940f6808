import { afterEach, describe, expect, it } from 'vitest';
import type { RunSnapshot, RunSummary } from '../../../../shared/metrics/types';
import { Simulation } from '../../../../shared/simulation/engine';
import {
  formatMeanCount,
  waitingChildrenFigures,
} from '../../../../renderer/analysis/waiting-children-view';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  finishAnalysis,
  resetAnalysisStore,
  seek,
} from '../../../../renderer/state/analysis-store';
import { readExample } from './examples';

const doc = readExample('report-fanout');

/** The report fan-out simulated and streamed into the analysis store, as Simulate does. */
function simulated(durationMs: number, finish = true) {
  const frames: RunSnapshot[] = [];
  const sim = new Simulation(doc, {
    seed: 5,
    durationMs,
    snapshotIntervalMs: 1000,
    onSnapshot: (s) => frames.push(s),
  });
  const summary: RunSummary = sim.run();
  beginAnalysis('simulation', { label: 'test', document: doc });
  appendSnapshots(frames);
  if (finish) finishAnalysis(summary);
  return { frames, summary };
}

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
