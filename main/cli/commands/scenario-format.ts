import type { PipelineDocument } from '../../../shared/document';
import { formatCount, formatMs, formatNumber } from '../../../shared/metrics/format';
import { eventFigureTexts } from '../../../shared/metrics/scenario-text';
import { describeChange } from '../../../shared/validation/scenario-events';
import type { RunSummary, ScenarioEventFigures } from '../../../shared/metrics/types';
import { table } from '../table';

/** What a change did, in a few words: `failure rate 100% on "payments"`. */
function changeText(event: ScenarioEventFigures, doc: PipelineDocument): string {
  const source = doc.scenario?.events.find((e) => e.id === event.id);
  const node = doc.nodes.find((n) => n.id === event.nodeId);
  const on = node ? JSON.stringify(node.name) : event.nodeId;
  return `${source ? describeChange(source.change) : event.change} on ${on}`;
}

/**
 * The scenario's lines of `simulate`'s and `run`'s report: one row per event that started (peak
 * backlog, drain time after its end, retries and attempts per job, jobs failed for good and
 * when), and a note for those the simulated span or the run never reached.
 */
export function scenarioLines(summary: RunSummary, doc: PipelineDocument): string[] {
  const events = summary.scenario;
  if (!events) return [];
  const reps = summary.replications ?? 1;
  const out: string[] = [];
  if (events.length > 0) {
    out.push(
      '',
      ...table(
        [
          'scenario event',
          'change',
          'from',
          'to',
          'backlog before',
          'peak (at)',
          'drained after',
          'retries',
          'attempts/job',
          'failed for good',
          'dead-lettered',
          'first–last failure',
        ],
        events.map((e) => {
          const t = eventFigureTexts(e, reps);
          return [
            e.name ?? e.id,
            changeText(e, doc),
            t.from,
            t.to,
            t.backlogBefore,
            t.peak,
            t.drained,
            t.retries,
            t.attemptsPerJob,
            t.failed,
            t.deadLettered,
            t.failures,
          ];
        }),
      ),
      'scenario: backlog = waiting + delayed jobs of the queues the event moves; counts run from the',
      "event's start until that backlog is back at its level before the event (or the end).",
    );
  }
  const started = new Set(events.map((e) => e.id));
  const span = summary.mode === 'run' ? 'the end of the run' : 'the simulated span';
  for (const e of doc.scenario?.events ?? []) {
    if (!started.has(e.id)) {
      out.push(
        `note: scenario event ${JSON.stringify(e.name ?? e.id)} starts at ${formatMs(e.atMs)}, after ${span}: it was not played`,
      );
    }
  }
  return out;
}

/** One row per autoscaled worker: what its replicas did and what they cost. */
export function autoscaleLines(summary: RunSummary): string[] {
  const rows = Object.values(summary.nodes).flatMap((n) =>
    n.kind === 'worker' && n.autoscale ? [[n.name, n.autoscale] as const] : [],
  );
  if (rows.length === 0) return [];
  return [
    '',
    ...table(
      ['autoscaled worker', 'replicas mean', 'min', 'max', 'scale-ups', 'scale-downs', 'replica-s'],
      rows.map(([name, a]) => [
        name,
        formatNumber(a.replicas.mean),
        formatCount(a.replicas.min),
        formatCount(a.replicas.max),
        formatCount(a.scaleUps),
        formatCount(a.scaleDowns),
        formatNumber(a.replicaSeconds),
      ]),
    ),
  ];
}
