/** Inline SVG line charts for the self-contained run report (no scripts, no external files). */
import { formatNumber } from '../../../shared/metrics/format';

export interface ChartSeries {
  name: string;
  values: number[];
}

export interface LineChart {
  title: string;
  unit: string;
  /** x values, ms since the run started. */
  t: number[];
  series: ChartSeries[];
}

const COLORS = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#4b5563',
];
const W = 720;
const H = 240;
const PAD = { left: 56, right: 16, top: 28, bottom: 36 };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A 1-2-5 step that gives about `ticks` gridlines up to `max`. */
function niceStep(max: number, ticks = 5): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

export function renderLineChart(chart: LineChart): string {
  const { t, series } = chart;
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${escapeXml(chart.title)}">`;
  const title = `<text x="${PAD.left}" y="18" font-size="13" font-weight="600">${escapeXml(chart.title)} (${escapeXml(chart.unit)})</text>`;
  if (t.length < 2 || series.length === 0) {
    return `${head}${title}<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#6b7280">no data</text></svg>`;
  }
  const tMax = Math.max(t.at(-1)!, 1);
  const vMax = Math.max(1e-9, ...series.flatMap((s) => s.values.filter(Number.isFinite)));
  const step = niceStep(vMax);
  const top = Math.ceil(vMax / step) * step;
  const x = (v: number) => PAD.left + (v / tMax) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const parts = [head, title];
  for (let v = 0; v <= top + step / 2; v += step) {
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e7eb"/>`,
      `<text x="${PAD.left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="10" text-anchor="end" fill="#6b7280">${formatNumber(v)}</text>`,
    );
  }
  const tStep = niceStep(tMax / 1000, 6);
  for (let s = 0; s <= tMax / 1000 + 1e-9; s += tStep) {
    parts.push(
      `<text x="${x(s * 1000).toFixed(1)}" y="${H - PAD.bottom + 14}" font-size="10" text-anchor="middle" fill="#6b7280">${formatNumber(s)} s</text>`,
    );
  }
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const points = s.values
      .map((v, k) =>
        Number.isFinite(v) && t[k] !== undefined ? `${x(t[k]!).toFixed(1)},${y(v).toFixed(1)}` : '',
      )
      .filter(Boolean)
      .join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points}"/>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The chart's legend as HTML (colours match the lines). */
export function renderLegend(chart: LineChart): string {
  return chart.series
    .map(
      (s, i) =>
        `<span class="key"><span class="swatch" style="background:${COLORS[i % COLORS.length]}"></span>${escapeXml(s.name)}</span>`,
    )
    .join(' ');
}
