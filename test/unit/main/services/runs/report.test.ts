import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../../shared/document';
import { simulate, type TimedChange } from '../../../../../shared/simulation';
import {
  buildRunReport,
  compareSummaries,
  predictRun,
} from '../../../../../main/services/runs/report';
import { renderRunReportHtml } from '../../../../../main/services/runs/report-html';
import { liveChanges, type RecordedControl } from '../../../../../main/services/runs/changes';
import { comparisonFromReport } from '../../../../../renderer/runs/comparison';
import { RUN_REDIS, welcomeDoc } from '../../../renderer/actions/fixtures';

/**
 * The steering of issue 12 on the welcome pipeline (20 jobs/s, 10 slots of 120 ms): pause the
 * queue for 15 s, then raise concurrency, the rate and failures, kill the one replica and start it
 * again.
 */
const STEERING: RecordedControl[] = [
  { atMs: 5_000, control: { type: 'pause', queueId: 'emails' } },
  { atMs: 20_000, control: { type: 'resume', queueId: 'emails' } },
  { atMs: 22_000, control: { type: 'concurrency', workerId: 'sender', concurrency: 40 } },
  { atMs: 25_000, control: { type: 'rate', producerId: 'signup', ratePerSec: 60 } },
  { atMs: 30_000, control: { type: 'failureRate', workerId: 'sender', failureRate: 0.4 } },
  { atMs: 40_000, control: { type: 'killReplica', workerId: 'sender' } },
  { atMs: 45_000, control: { type: 'startReplica', workerId: 'sender' } },
];

function report(doc: PipelineDocument, measuredWith: readonly TimedChange[]) {
  // "Measured": the simulator under the same steering with another seed stands in for the run.
  const measured = {
    ...simulate(doc, { durationMs: 60_000, seed: 7, changes: measuredWith }),
    mode: 'run' as const,
  };
  return buildRunReport({
    runId: 'run-steered',
    document: doc,
    startedAt: Date.UTC(2026, 11, 5, 13),
    redis: RUN_REDIS,
    result: {
      runId: 'run-steered',
      summary: measured,
      drained: false,
      keysRemoved: 0,
      keysKept: false,
    },
    points: [],
    log: [],
    changes: STEERING,
  });
}

describe('a run report follows the run’s own timeline', () => {
  it('turns controls into absolute changes with plain descriptions', () => {
    const changes = liveChanges(welcomeDoc(), STEERING);
    expect(changes.map((c) => [c.atMs, c.change])).toEqual([
      [5_000, { type: 'pause' }],
      [20_000, { type: 'resume' }],
      [22_000, { type: 'concurrency', concurrency: 40 }],
      [25_000, { type: 'rate', ratePerSec: 60 }],
      [30_000, { type: 'failureRate', failureRate: 0.4 }],
      [40_000, { type: 'replicas', replicas: 0 }],
      [45_000, { type: 'replicas', replicas: 1 }],
    ]);
    expect(changes.map((c) => c.description)).toEqual([
      'queue "emails": paused',
      'queue "emails": resumed',
      'worker "email-sender": concurrency set to 40 per replica',
      'producer "signup-api": rate set to 60 jobs/s',
      'worker "email-sender": failure rate set to 40% of attempts',
      'worker "email-sender": a replica killed: 0 alive (down)',
      'worker "email-sender": a replica started: 1 alive',
    ]);
  });

  it('predicts with the changes replayed, so a steered run agrees with its prediction', () => {
    const doc = welcomeDoc();
    const steered = report(doc, liveChanges(doc, STEERING));
    // 20/s for 25 s, then 60/s for 35 s: 2 600 jobs in 60 s, 43.3 jobs/s.
    const created = steered.comparison.find((r) => r.nodeId === 'signup')!;
    expect(created.predicted).toBeGreaterThan(40);
    expect(created.predicted).toBeLessThan(47);
    expect(Math.abs(created.differencePercent!)).toBeLessThan(10);
    // Jobs held 15 s by the pause and 5 s by the down worker make the mean wait seconds long in
    // both; against the design's prediction (no pause) it would be off by thousands of percent.
    const wait = steered.comparison.find(
      (r) => r.nodeId === 'emails' && r.figure === 'mean wait ms',
    )!;
    expect(wait.predicted).toBeGreaterThan(1000);
    expect(Math.abs(wait.differencePercent!)).toBeLessThan(25);
    const design = simulate(doc, { durationMs: 60_000, seed: 1 });
    const designWait = design.nodes.emails!.kind === 'queue' ? design.nodes.emails!.waitMs.mean : 0;
    expect(((wait.measured - designWait) / designWait) * 100).toBeGreaterThan(1000);
    expect(steered.changes).toHaveLength(7);
  });

  it('says which changes were made and when, in the HTML and in the Run tab', () => {
    const doc = welcomeDoc();
    const steered = report(doc, liveChanges(doc, STEERING));
    const html = renderRunReportHtml(steered);
    expect(html).toContain('<h2>Live changes</h2>');
    expect(html).toContain('7 changes were made while the run was on');
    expect(html).toContain('with the 7 live changes above replayed at the same times');
    expect(html).toContain(
      '<td>0:25</td><td>signup-api</td><td>producer &#34;signup-api&#34;: rate set to 60 jobs/s</td>',
    );
    expect(html).toContain('0:05 paused<br>0:20 resumed');
    const tab = comparisonFromReport(steered);
    expect(tab.changes.map((c) => [c.atMs, c.description])[3]).toEqual([
      25_000,
      'producer "signup-api": rate set to 60 jobs/s',
    ]);
  });

  it('says plainly when the run was not steered', () => {
    const doc = welcomeDoc();
    const plain = buildRunReport({
      runId: 'run-plain',
      document: doc,
      startedAt: 0,
      redis: RUN_REDIS,
      result: {
        runId: 'run-plain',
        summary: { ...simulate(doc, { durationMs: 20_000, seed: 3 }), mode: 'run' },
        drained: false,
        keysRemoved: 0,
        keysKept: false,
      },
      points: [],
      log: [],
    });
    expect(plain.changes).toEqual([]);
    const html = renderRunReportHtml(plain);
    expect(html).not.toContain('Live changes');
    expect(html).toContain('the run was not steered');
    expect(comparisonFromReport(plain).changes).toEqual([]);
  });

  it('predicts a run with its scenario and autoscaler, which the runner plays', () => {
    const doc = welcomeDoc();
    const worker = doc.nodes.find((n) => n.kind === 'worker')!;
    const queue = doc.nodes.find((n) => n.kind === 'queue')!;
    const scaled: PipelineDocument = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === worker.id && n.kind === 'worker'
          ? {
              ...n,
              config: {
                ...n.config,
                autoscale: { metric: 'waiting', targetPerReplica: 1, maxReplicas: 9 },
              },
            }
          : n,
      ),
      scenario: {
        events: [
          {
            id: 'hold',
            nodeId: queue.id,
            atMs: 1000,
            durationMs: 30_000,
            change: { type: 'pause' },
          },
        ],
      },
    };
    const predicted = predictRun(scaled, 60_000)!;
    expect(predicted).toEqual(simulate(scaled, { durationMs: 60_000, seed: 1 }));
    expect(predicted).not.toEqual(predictRun(doc, 60_000));
    expect(predicted.scenario!.map((e) => [e.id, e.atMs, e.endMs])).toEqual([
      ['hold', 1000, 31_000],
    ]);
    const scaledWorker = predicted.nodes[worker.id]!;
    expect(scaledWorker.kind === 'worker' && scaledWorker.autoscale!.scaleUps).toBeGreaterThan(0);
    // Measured: the simulator with another seed stands in for the run.
    const measured = { ...simulate(scaled, { durationMs: 60_000, seed: 7 }), mode: 'run' as const };
    const rows = compareSummaries(predicted, measured);
    const scenario = rows.filter((r) => r.nodeId === 'scenario:hold');
    expect(scenario.map((r) => [r.name, r.figure])).toEqual([
      ['scenario event "hold"', 'peak backlog'],
      ['scenario event "hold"', 'drain ms'],
      ['scenario event "hold"', 'retries'],
      ['scenario event "hold"', 'dead-lettered'],
    ]);
    expect(scenario[0]!.predicted).toBe(predicted.scenario![0]!.peakBacklog);
    expect(scenario[0]!.measured).toBe(measured.scenario![0]!.peakBacklog);
    const cost = rows.find((r) => r.nodeId === worker.id && r.figure === 'replica-seconds')!;
    expect(cost.predicted).toBe(
      scaledWorker.kind === 'worker' && scaledWorker.autoscale!.replicaSeconds,
    );
  });
});
