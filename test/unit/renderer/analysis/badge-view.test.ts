import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import type { RunSnapshot } from '../../../../shared/metrics/types';
import {
  badgeFigures,
  edgeRateShown,
  sinceLastStartMs,
} from '../../../../renderer/analysis/badge-view';
import {
  formatCompactCount,
  formatMs,
  formatPercent,
  formatRate,
} from '../../../../shared/metrics/format';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  play,
  resetAnalysisStore,
  seek,
} from '../../../../renderer/state/analysis-store';
import { starved } from '../../shared/simulation/documents';
import { readExample, simulated } from './fixtures';

const example = (): PipelineDocument => readExample('welcome-emails');

const badge = (id: string) => badgeFigures(analysisStore.getState(), id)!;

afterEach(() => resetAnalysisStore());

describe('node badges', () => {
  it('show the Results figures once a simulation has finished', () => {
    const { frames, summary } = simulated(example(), 60_000);
    const q = summary.nodes.emails!;
    const w = summary.nodes['email-sender']!;
    const p = summary.nodes.signup!;
    if (q.kind !== 'queue' || w.kind !== 'worker' || p.kind !== 'producer') throw new Error();
    expect(badge('emails')).toMatchObject({
      mode: 'final',
      t: null,
      main: formatCompactCount(q.waiting.mean),
      mainLabel: 'waiting (mean)',
      metricLabel: 'p95',
      metric: formatMs(q.waitMs.p95),
    });
    expect(badge('email-sender')).toMatchObject({
      mode: 'final',
      main: formatRate(w.throughputPerSec),
      utilisation: w.utilisation,
      utilisationText: formatPercent(w.utilisation),
    });
    expect(badge('signup')).toMatchObject({
      main: formatRate(p.ratePerSec),
      mainLabel: `${formatCompactCount(p.created)} made`,
    });
    expect(badge('emails').about).toMatch(/^Whole simulation \(1:00 measured\), as in Results$/);
    // Edge labels follow: the producer's edge carries its whole-run rate.
    const state = analysisStore.getState();
    expect(edgeRateShown(state, 'signup-emails')).toBeCloseTo(p.ratePerSec, 6);
    seek(10);
    expect(edgeRateShown(analysisStore.getState(), 'signup-emails')).toBe(
      frames[10]!.edges['signup-emails'],
    );
    // The last frame differs from the whole run: the badge is not showing it.
    const last = frames.at(-1)!.nodes['email-sender']!;
    expect(last.kind === 'worker' && last.throughputPerSec).not.toBe(w.throughputPerSec);
  });

  it('say which frame they show while the timeline is replayed or scrubbed', () => {
    const { frames } = simulated(example(), 30_000);
    seek(9);
    const b = badge('email-sender');
    const frame = frames[9]!.nodes['email-sender']!;
    if (frame.kind !== 'worker') throw new Error();
    expect(b).toMatchObject({
      mode: 'frame',
      t: frames[9]!.t,
      main: formatRate(frame.throughputPerSec),
    });
    expect(b.about).toBe('Frame at 0:10: the 1 s before it, not the whole run (Results has that)');
    play();
    expect(badge('emails').mode).toBe('frame');
  });

  it('show the newest interval while a run streams', () => {
    simulated(example(), 5_000, { finish: false });
    expect(badge('emails')).toMatchObject({
      mode: 'live',
      t: null,
      about: 'Now: the latest interval, not the whole run',
    });
  });

  it('show the age of the oldest waiting job, not "p95 0 ms", when nothing starts', () => {
    // One job a minute may start: after the first, the line only grows.
    const doc = starved();
    simulated(doc, 20_000, { finish: false });
    expect(badge('q')).toMatchObject({ metricLabel: 'oldest', metric: '19.9 s' });
  });

  it('for a run, whose frames carry no age, say how long no job has started', () => {
    const frame = (t: number, count: number): RunSnapshot => ({
      t,
      edges: {},
      endToEndMs: { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
      nodes: {
        q: {
          kind: 'queue',
          waiting: 40,
          active: 0,
          delayed: 0,
          completed: 0,
          failed: 0,
          enqueued: 40,
          enqueuedPerSec: 10,
          paused: true,
          waitMs: { count, mean: 5, p50: 5, p95: 5, p99: 5, max: 5 },
        },
      },
    });
    const frames = [frame(1000, 3), frame(2000, 0), frame(3000, 0), frame(4500, 0)];
    expect(sinceLastStartMs(frames, 3, 'q')).toBe(3500);
    expect(sinceLastStartMs(frames, 0, 'q')).toBe(0);
    beginAnalysis('run', { label: 'run' });
    appendSnapshots(frames);
    expect(badge('q')).toMatchObject({ metricLabel: 'none started for', metric: '3.5 s' });
  });
});
