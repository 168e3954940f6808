import { useMemo } from 'react';
import { seekTime, useAnalysis } from '../state/analysis-store';
import { useDocument } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import { formatClock, formatCompactCount, formatMs } from '../../shared/metrics/format';
import { buildMetricSeries, focusNodes, type SeriesSpec } from './metrics-series';
import { eventBands } from './scenario-series';
import { SERIES_COLORS, UPlotChart, type ChartSeries } from './UPlotChart';
import './charts.css';

const toChart = (specs: SeriesSpec[]): ChartSeries[] =>
  specs.map((s) => ({
    label: s.label,
    color: SERIES_COLORS[s.colorIndex % SERIES_COLORS.length]!,
    ...(s.dash ? { dash: s.dash } : {}),
  }));

const xFormat = (seconds: number) => formatClock(seconds * 1000);
const rateFormat = (v: number) =>
  v >= 100 ? formatCompactCount(v) : String(Number(v.toPrecision(2)));

/**
 * Depth, throughput and latency percentiles over time for the selected nodes (and their
 * neighbours), or for every queue and worker when nothing is selected. The accent line is the
 * playhead; click a chart to move it.
 */
export function MetricsPanel() {
  const snapshots = useAnalysis((s) => s.snapshots);
  const summary = useAnalysis((s) => s.summary);
  const position = useAnalysis((s) => s.position);
  const analysed = useAnalysis((s) => s.meta?.document);
  const current = useDocument();
  const doc = analysed ?? current;
  const selected = useSelection((s) => s.nodeIds);
  const available = useMemo(
    () => new Set(Object.keys(snapshots[snapshots.length - 1]?.nodes ?? {})),
    [snapshots],
  );
  const focus = useMemo(() => focusNodes(doc, selected, available), [doc, selected, available]);
  const series = useMemo(() => {
    const names = new Map(doc.nodes.map((n) => [n.id, n.name] as const));
    return buildMetricSeries(snapshots, focus, (id) => names.get(id) ?? id);
  }, [snapshots, focus, doc]);
  if (snapshots.length === 0) {
    return (
      <p className="analysis-empty" data-testid="metrics">
        Press Simulate (F5): backlog, throughput and wait percentiles over time appear here. Select
        nodes on the canvas to chart just those.
      </p>
    );
  }
  const marker = (snapshots[position]?.t ?? 0) / 1000;
  const pick = (x: number) => seekTime(x * 1000);
  // The scenario's events shaded on every chart once the simulation has said when they ran.
  const bands = summary ? eventBands(summary, snapshots[snapshots.length - 1]!.t) : undefined;
  const hint =
    selected.size === 0
      ? 'All queues and workers · select nodes to focus'
      : 'Selected nodes and their neighbours';
  return (
    <div className="metrics" data-testid="metrics">
      <div className="metrics__hint muted">{hint}</div>
      <div className="metrics__charts">
        {series.backlog.length > 0 ? (
          <UPlotChart
            title="Backlog (jobs waiting)"
            testId="chart-backlog"
            xs={series.xs}
            ys={series.backlog.map((s) => s.values)}
            series={toChart(series.backlog)}
            xFormat={xFormat}
            xTicks="seconds"
            y={{ format: formatCompactCount, ticks: 'integer' }}
            marker={marker}
            onPick={pick}
            {...(bands ? { bands } : {})}
          />
        ) : null}
        {series.throughput.length > 0 ? (
          <UPlotChart
            title="Throughput (jobs/s)"
            testId="chart-throughput"
            xs={series.xs}
            ys={series.throughput.map((s) => s.values)}
            series={toChart(series.throughput)}
            xFormat={xFormat}
            xTicks="seconds"
            y={{ format: rateFormat }}
            marker={marker}
            onPick={pick}
            {...(bands ? { bands } : {})}
          />
        ) : null}
        {series.latency.length > 0 ? (
          <UPlotChart
            title={series.latencyTitle}
            testId="chart-latency"
            xs={series.xs}
            ys={series.latency.map((s) => s.values)}
            series={toChart(series.latency)}
            xFormat={xFormat}
            xTicks="seconds"
            y={{ format: formatMs, ticks: 'duration' }}
            marker={marker}
            onPick={pick}
            {...(bands ? { bands } : {})}
          />
        ) : null}
      </div>
    </div>
  );
}
