import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffectiveTheme } from '../state/theme-store';
import './charts.css';

/** Distinct series colours that read on both themes. */
export const SERIES_COLORS = [
  '#2f6fed',
  '#e08a00',
  '#12a06a',
  '#d93036',
  '#8e5bd6',
  '#0aa3b8',
  '#c2185b',
  '#7a6a58',
];

export interface ChartSeries {
  label: string;
  color: string;
  dash?: number[];
  /** 'y' (left axis, default) or 'y2' (right axis). */
  scale?: 'y' | 'y2';
  points?: boolean;
}

export interface ChartAxis {
  format: (value: number) => string;
  /** Fixed or computed range; default from the data (from 0). */
  range?: (min: number, max: number) => [number, number];
  /** Ticks at whole numbers (counts of jobs), or at round durations (ms). */
  ticks?: 'integer' | 'duration';
}

const DURATION_STEPS = [
  0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 250, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4,
  3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 144e5, 288e5, 864e5,
];
/** Seconds on a time axis: round minutes and hours. */
const SECOND_STEPS = [
  0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200,
  86400, 172800, 604800,
];
const INTEGER_STEPS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6,
  1e7, 1e8,
];

export interface ChartProps {
  title: string;
  xs: readonly number[];
  ys: ReadonlyArray<ReadonlyArray<number | null>>;
  series: readonly ChartSeries[];
  xFormat: (value: number) => string;
  /** Round minutes for a time axis in seconds, or whole numbers. */
  xTicks?: 'seconds' | 'integer';
  y: ChartAxis;
  y2?: ChartAxis;
  /** A vertical line at this x (the playhead). */
  marker?: number | null;
  /** A horizontal line at this y (a target). */
  guide?: { value: number; color: string } | null;
  /** Shaded spans of x (scenario events), labelled at their top left. */
  bands?: ReadonlyArray<{ from: number; to: number; label: string }>;
  /** Clicking the plot picks the x under the pointer. */
  onPick?: (x: number) => void;
  testId?: string;
}

const cssVar = (name: string) =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

function axis(
  format: (v: number) => string,
  side: 1 | 2 | 3,
  scale: string,
  size: number,
  ticks?: ChartAxis['ticks'] | 'seconds',
): uPlot.Axis {
  const stroke = cssVar('--muted');
  const grid = cssVar('--border');
  return {
    scale,
    side,
    stroke,
    font: '11px system-ui, sans-serif',
    size,
    grid: { show: scale !== 'y2', stroke: grid, width: 1 },
    ticks: { show: false },
    ...(ticks === 'integer' ? { incrs: INTEGER_STEPS } : {}),
    ...(ticks === 'duration' ? { incrs: DURATION_STEPS } : {}),
    ...(ticks === 'seconds' ? { incrs: SECOND_STEPS } : {}),
    values: (_u, values) => values.map((v) => (v === null ? '' : format(v))),
  };
}

/**
 * A small uPlot line chart with its own title and legend, sized to its container. Data changes
 * update the existing chart; only a change of series or theme rebuilds it.
 */
export function UPlotChart(props: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const theme = useEffectiveTheme();
  const seriesKey = props.series.map((s) => `${s.label}|${s.color}|${s.scale ?? 'y'}`).join(',');
  const hasY2 = props.y2 !== undefined;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const p = latest.current;
    const markerColor = cssVar('--accent');
    const bandFill = cssVar('--error');
    const bandText = cssVar('--muted');
    const scales: uPlot.Scales = {
      x: { time: false },
      y: { range: (_u, min, max) => p.y.range?.(min, max) ?? [0, max > 0 ? max * 1.08 : 1] },
    };
    const axes = [
      axis((v) => latest.current.xFormat(v), 2, 'x', 28, p.xTicks),
      axis((v) => latest.current.y.format(v), 3, 'y', 54, p.y.ticks),
    ];
    if (hasY2) {
      scales.y2 = {
        range: (_u, min, max) =>
          latest.current.y2?.range?.(min, max) ?? [0, max > 0 ? max * 1.08 : 1],
      };
      axes.push(axis((v) => latest.current.y2?.format(v) ?? String(v), 1, 'y2', 46));
    }
    const chart = new uPlot(
      {
        width: Math.max(120, el.clientWidth),
        height: Math.max(60, el.clientHeight),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        scales,
        axes,
        series: [
          {},
          ...p.series.map((s): uPlot.Series => ({
            label: s.label,
            stroke: s.color,
            width: 1.6,
            scale: s.scale ?? 'y',
            ...(s.dash ? { dash: s.dash } : {}),
            points: { show: s.points ?? false, size: 5, fill: s.color },
            spanGaps: false,
          })),
        ],
        hooks: {
          draw: [
            (u) => {
              const { marker, guide, bands } = latest.current;
              const ctx = u.ctx;
              ctx.save();
              for (const band of bands ?? []) {
                const left = Math.max(u.bbox.left, u.valToPos(band.from, 'x', true));
                const right = Math.min(u.bbox.left + u.bbox.width, u.valToPos(band.to, 'x', true));
                if (right <= left) continue;
                ctx.fillStyle = bandFill;
                ctx.globalAlpha = 0.1;
                ctx.fillRect(left, u.bbox.top, right - left, u.bbox.height);
                ctx.globalAlpha = 1;
                ctx.fillStyle = bandText;
                ctx.textAlign = 'left';
                ctx.textBaseline = 'alphabetic';
                ctx.font = `${10 * devicePixelRatio}px system-ui, sans-serif`;
                ctx.fillText(
                  band.label,
                  left + 3 * devicePixelRatio,
                  u.bbox.top + 11 * devicePixelRatio,
                );
              }
              if (guide) {
                const y = u.valToPos(guide.value, 'y', true);
                if (y >= u.bbox.top && y <= u.bbox.top + u.bbox.height) {
                  ctx.strokeStyle = guide.color;
                  ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
                  ctx.lineWidth = 1.5 * devicePixelRatio;
                  ctx.beginPath();
                  ctx.moveTo(u.bbox.left, y);
                  ctx.lineTo(u.bbox.left + u.bbox.width, y);
                  ctx.stroke();
                }
              }
              if (marker !== null && marker !== undefined) {
                const x = u.valToPos(marker, 'x', true);
                ctx.strokeStyle = markerColor;
                ctx.setLineDash([]);
                ctx.lineWidth = 1.5 * devicePixelRatio;
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
      },
      [p.xs as number[], ...(p.ys as Array<Array<number | null>>)],
      el,
    );
    plot.current = chart;
    const onClick = () => {
      const left = chart.cursor.left;
      if (left === undefined || left < 0) return;
      latest.current.onPick?.(chart.posToVal(left, 'x'));
    };
    chart.over.addEventListener('click', onClick);
    const resize = new ResizeObserver(() => {
      chart.setSize({
        width: Math.max(120, el.clientWidth),
        height: Math.max(60, el.clientHeight),
      });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.over.removeEventListener('click', onClick);
      chart.destroy();
      plot.current = null;
    };
  }, [seriesKey, theme, hasY2]);

  useEffect(() => {
    plot.current?.setData([props.xs as number[], ...(props.ys as Array<Array<number | null>>)]);
  }, [props.xs, props.ys]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [props.marker, props.guide, props.bands]);

  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption className="chart__head">
        <span className="chart__title">{props.title}</span>
        <span className="chart__legend">
          {props.series.map((s) => (
            <span key={`${s.label}-${s.color}`} className="chart__key">
              <span
                className={`chart__swatch${s.dash ? ' chart__swatch--dash' : ''}`}
                style={{ borderColor: s.color }}
              />
              {s.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div className="chart__plot" ref={box} />
    </figure>
  );
}
