import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../../shared/api/contract';
import { buildRunReport } from '../../../../main/services/runs/report';
import { simulate } from '../../../../shared/simulation';
import {
  comparisonFromReport,
  formatDifference,
  formatFigure,
  playedText,
} from '../../../../renderer/runs/comparison';
import { spikeDocument } from '../../shared/simulation/documents';
import { RUN_REDIS, welcomeDoc } from '../actions/fixtures';

/** A report as the host builds it, with a "measured" summary from another seed. */
function hostReport(durationMs: number): RunReport {
  const doc = welcomeDoc();
  const measured = { ...simulate(doc, { durationMs, seed: 7 }), mode: 'run' as const };
  const report = buildRunReport({
    runId: 'run-abc',
    document: doc,
    startedAt: Date.now(),
    redis: RUN_REDIS,
    result: {
      runId: 'run-abc',
      summary: measured,
      drained: true,
      keysRemoved: 12,
      keysKept: false,
    },
    points: [],
    log: [],
  });
  return report;
}

describe('predicted versus measured', () => {
  it('reads the comparison the host put in the run report, grouped per node', () => {
    const comparison = comparisonFromReport(hostReport(20_000));
    expect(comparison.missing).toBeNull();
    expect(comparison.runId).toBe('run-abc');
    expect(comparison.outcome).toEqual({ drained: true, keysRemoved: 12, keysKept: false });
    expect(comparison.summary.format).toBe('pipewright-summary/v1');
    expect(comparison.nodes.map((n) => n.nodeId)).toEqual(
      expect.arrayContaining(['signup', 'emails', 'sender']),
    );
    const sender = comparison.nodes.find((n) => n.nodeId === 'sender')!;
    expect(sender.name).toBe('email-sender');
    expect(sender.rows.map((r) => r.figure)).toEqual([
      'throughput jobs/s',
      'utilisation',
      'mean service ms',
    ]);
    const throughput = sender.rows[0]!;
    expect(throughput.predicted).toBeGreaterThan(10);
    expect(throughput.differencePercent).toBeCloseTo(
      ((throughput.measured - throughput.predicted) / throughput.predicted) * 100,
      6,
    );
  });

  it('says why there is no prediction', () => {
    const without = comparisonFromReport({
      ...hostReport(20_000),
      prediction: null,
      comparison: [],
    });
    expect(without.nodes).toEqual([]);
    expect(without.missing).toMatch(/could not predict/);
  });

  it('formats each figure in its unit and the difference with its sign', () => {
    expect(formatFigure('utilisation', 0.4567)).toBe('45.7%');
    expect(formatFigure('mean wait ms', 1234.5)).toBe('1.23 s');
    expect(formatFigure('mean service ms', 12.34)).toBe('12.3 ms');
    expect(formatFigure('throughput jobs/s', 19.876)).toBe('19.9/s');
    expect(formatFigure('jobs/s created', 0.5)).toBe('30/min');
    expect(formatFigure('mean waiting jobs', 3.14159)).toBe('3.14');
    expect(formatDifference(4.26)).toEqual({ text: '+4.3%', tone: 'ok' });
    expect(formatDifference(-20)).toEqual({ text: '−20.0%', tone: 'warning' });
    expect(formatDifference(0)).toEqual({ text: '±0.0%', tone: 'ok' });
    expect(formatDifference(null)).toEqual({ text: '—', tone: 'muted' });
  });
});

describe('what a run played, as the comparison says it', () => {
  it('names the scenario and the autoscaled workers, and nothing for a plain pipeline', () => {
    expect(playedText(simulate(welcomeDoc(), { durationMs: 5_000, seed: 1 }))).toBeNull();
    const played = simulate(spikeDocument(), { durationMs: 90_000, seed: 1 });
    expect(playedText(played)).toBe(
      'The run played its scenario (1 event) and 1 autoscaled worker',
    );
    const { scenario: _scenario, ...withoutScenario } = played;
    expect(playedText(withoutScenario)).toBe('The run played 1 autoscaled worker');
  });
});
