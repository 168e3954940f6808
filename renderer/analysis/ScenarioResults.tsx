import type { PipelineDocument } from '../../shared/document';
import { formatCount, formatNumber } from '../../shared/metrics/format';
import { eventFigureTexts } from '../../shared/metrics/scenario-text';
import type { RunSnapshot, RunSummary } from '../../shared/metrics/types';
import { describeChange } from '../../shared/validation/scenario-events';
import { replicaSeries, eventBands } from './scenario-series';
import { SERIES_COLORS, UPlotChart } from './UPlotChart';
import { formatClock } from '../../shared/metrics/format';

const COLUMNS = [
  ['peak', 'Peak backlog (at)'],
  ['drained', 'Drained after'],
  ['retries', 'Retries'],
  ['attemptsPerJob', 'Attempts/job'],
  ['failed', 'Failed for good'],
  ['deadLettered', 'Dead-lettered'],
  ['failures', 'Failures from–to'],
] as const;

/** Per scenario event: what it did to the backlog, retries and failures (the summary's figures). */
function EventTable({ summary, doc }: { summary: RunSummary; doc: PipelineDocument }) {
  const events = summary.scenario ?? [];
  if (events.length === 0) return null;
  const reps = summary.replications ?? 1;
  const names = new Map(doc.nodes.map((n) => [n.id, n.name] as const));
  return (
    <table className="results__table" data-testid="results-scenario">
      <thead>
        <tr>
          <th className="results__name">Scenario event</th>
          <th>Change</th>
          <th className="num">When</th>
          {COLUMNS.map(([key, title]) => (
            <th key={key} className="num">
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const source = doc.scenario?.events.find((s) => s.id === e.id);
          const t = eventFigureTexts(e, reps);
          return (
            <tr key={e.id} data-testid={`scenario-row-${e.id}`}>
              <td className="results__name">{e.name ?? e.id}</td>
              <td>
                {source ? describeChange(source.change) : e.change} on{' '}
                {names.get(e.nodeId) ?? e.nodeId}
              </td>
              <td className="num" data-testid="scenario-when">
                {t.from} – {t.to}
              </td>
              {COLUMNS.map(([key]) => (
                <td
                  key={key}
                  className="num"
                  data-testid={`scenario-${key}`}
                  {...(key === 'peak' ? { title: `${t.backlogBefore} before the event` } : {})}
                >
                  {t[key]}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const xFormat = (seconds: number) => formatClock(seconds * 1000);

interface Props {
  summary: RunSummary;
  snapshots: readonly RunSnapshot[];
  doc: PipelineDocument;
}

/** Replicas over time against the backlog for each autoscaled worker, and what they cost. */
function Autoscaled({ summary, snapshots, doc }: Props) {
  const all = replicaSeries(snapshots, summary, doc);
  if (all.length === 0) return null;
  const endMs = snapshots[snapshots.length - 1]?.t ?? 0;
  const bands = eventBands(summary, endMs);
  return (
    <div className="results__autoscale">
      {all.map((s) => {
        const figures = summary.nodes[s.workerId];
        const a = figures?.kind === 'worker' ? figures.autoscale : undefined;
        return (
          <div
            key={s.workerId}
            className="results__autoscale-item"
            data-testid={`autoscale-${s.workerId}`}
          >
            <p className="results__autoscale-figures" data-testid="autoscale-figures">
              <strong>{s.name}</strong>{' '}
              {a
                ? `${formatNumber(a.replicaSeconds)} replica-s · replicas ${formatNumber(a.replicas.mean)} mean, ${formatCount(a.replicas.min)}–${formatCount(a.replicas.max)} · ${formatCount(a.scaleUps)} scale-ups, ${formatCount(a.scaleDowns)} scale-downs`
                : ''}
            </p>
            <div className="results__autoscale-chart">
              <UPlotChart
                title={`Replicas of ${s.name} against the backlog of ${s.queueName}`}
                testId={`chart-replicas-${s.workerId}`}
                xs={s.xs}
                ys={[s.serving, s.asked, s.backlog]}
                series={[
                  { label: 'replicas serving', color: SERIES_COLORS[0]! },
                  { label: 'asked for', color: SERIES_COLORS[0]!, dash: [4, 3] },
                  { label: 'backlog', color: SERIES_COLORS[1]!, scale: 'y2' },
                ]}
                xFormat={xFormat}
                xTicks="seconds"
                y={{ format: (v) => formatCount(v), ticks: 'integer' }}
                y2={{ format: (v) => formatCount(Math.round(v)) }}
                bands={bands}
              />
            </div>
          </div>
        );
      })}
    </div>
  );
}

/** The scenario's part of the Results: per-event figures, then the autoscaled workers. */
export function ScenarioResults({ summary, snapshots, doc }: Props) {
  return (
    <>
      <EventTable summary={summary} doc={doc} />
      <Autoscaled summary={summary} snapshots={snapshots} doc={doc} />
    </>
  );
}
