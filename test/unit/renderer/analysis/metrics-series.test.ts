import { describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../../shared/metrics/types';
import { simulate } from '../../../../shared/simulation';
import { buildMetricSeries, focusNodes } from '../../../../renderer/analysis/metrics-series';
import { welcomeDoc } from '../actions/fixtures';
import { readExample } from './fixtures';

const doc = welcomeDoc();
const all = new Set(doc.nodes.map((n) => n.id));
const names = new Map(doc.nodes.map((n) => [n.id, n.name] as const));
const nameOf = (id: string) => names.get(id) ?? id;

describe('metrics series', () => {
  it('focuses on every queue and worker when nothing is selected', () => {
    expect(focusNodes(doc, new Set(), all)).toEqual({
      producers: [],
      queues: ['emails', 'dead-letters'],
      workers: ['sender'],
    });
  });

  it('adds a selected node’s neighbours: a worker’s queue, a queue’s workers, a producer’s queues', () => {
    expect(focusNodes(doc, new Set(['sender']), all)).toEqual({
      producers: [],
      queues: ['emails'],
      workers: ['sender'],
    });
    expect(focusNodes(doc, new Set(['emails']), all).workers).toEqual(['sender']);
    expect(focusNodes(doc, new Set(['signup']), all)).toEqual({
      producers: ['signup'],
      queues: ['emails'],
      workers: [],
    });
    // Nodes without figures (added after the run) are left out.
    expect(focusNodes(doc, new Set(['sender']), new Set(['emails']))).toEqual({
      producers: [],
      queues: ['emails'],
      workers: [],
    });
  });

  it('charts backlog, throughput and wait over time from the snapshots', () => {
    const snapshots: RunSnapshot[] = [];
    simulate(doc, {
      durationMs: 60_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => snapshots.push(s),
    });
    const focus = focusNodes(doc, new Set(['sender']), all);
    const series = buildMetricSeries(snapshots, focus, nameOf);
    expect(series.xs).toHaveLength(60);
    expect(series.xs[0]).toBe(1);
    expect(series.backlog.map((s) => s.label)).toEqual(['emails']);
    expect(series.throughput.map((s) => s.label)).toEqual(['email-sender']);
    const mean = (xs: Array<number | null>) =>
      xs.reduce<number>((a, b) => a + (b ?? 0), 0) / xs.length;
    expect(mean(series.throughput[0]!.values)).toBeGreaterThan(15);
    expect(mean(series.throughput[0]!.values)).toBeLessThan(25);
    // One queue: its p50, p95 and p99 in three colours.
    expect(series.latencyTitle).toBe('Wait time of emails');
    expect(series.latency.map((s) => s.label)).toEqual(['p50', 'p95', 'p99']);
    expect(new Set(series.latency.map((s) => s.colorIndex)).size).toBe(3);
  });

  it("charts a flow's parents waiting for their children beside its queue's backlog", () => {
    const report = readExample('report-fanout');
    const snapshots: RunSnapshot[] = [];
    simulate(report, {
      durationMs: 60_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => snapshots.push(s),
    });
    const focus = focusNodes(report, new Set(), new Set(report.nodes.map((n) => n.id)));
    expect(focus.queues).toEqual(['reports', 'report-parts', 'assemble']);
    const series = buildMetricSeries(snapshots, focus, (id) => id);
    expect(series.backlog.map((s) => [s.label, s.colorIndex, s.dash])).toEqual([
      ['reports', 0, undefined],
      ['report-parts', 1, undefined],
      ['assemble', 2, undefined],
      ['assemble (waiting for children)', 2, [4, 3]],
    ]);
    expect(series.backlog[3]!.values).toEqual(
      snapshots.map((s) => {
        const q = s.nodes.assemble;
        return q?.kind === 'queue' ? q.waitingChildren : undefined;
      }),
    );
    expect(Math.max(...series.backlog[3]!.values.map((v) => v ?? 0))).toBeGreaterThan(0);
  });

  it('leaves gaps where no job started, and charts p95 per queue for several', () => {
    const snapshots: RunSnapshot[] = [];
    simulate(doc, {
      durationMs: 20_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => snapshots.push(s),
    });
    const series = buildMetricSeries(snapshots, focusNodes(doc, new Set(), all), nameOf);
    expect(series.latencyTitle).toBe('Wait time p95');
    expect(series.latency.map((s) => s.label)).toEqual(['emails', 'dead-letters']);
    // Nothing reaches the dead-letter queue in most intervals: no figure, not a zero.
    expect(series.latency[1]!.values.filter((v) => v === null).length).toBeGreaterThan(10);
  });

  it('charts service time when only workers are in focus, and producers’ rates as throughput', () => {
    const snapshots: RunSnapshot[] = [];
    simulate(doc, {
      durationMs: 10_000,
      snapshotIntervalMs: 1000,
      onSnapshot: (s) => snapshots.push(s),
    });
    const series = buildMetricSeries(
      snapshots,
      { producers: ['signup'], queues: [], workers: ['sender'] },
      nameOf,
    );
    expect(series.latencyTitle).toBe('Service time of email-sender');
    expect(series.throughput.map((s) => s.label)).toEqual(['email-sender', 'signup-api (created)']);
    expect(series.backlog).toEqual([]);
  });
});
