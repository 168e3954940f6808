import type { PipelineNode } from '../../../shared/document';
import type { NodeSummary, SummaryStat } from '../../../shared/metrics';
import {
  formatCount,
  formatMs,
  formatNumber,
  formatPercent,
  formatRate,
  formatSignedPercent,
} from '../../../shared/metrics/format';
import { plural } from '../../../shared/plural';
import { formatChangeTime } from './changes';
import type { RunReport } from './report';
import { escapeXml as esc, renderLegend, renderLineChart, type LineChart } from './report-svg';

const stat = (s: SummaryStat) =>
  `${formatNumber(s.mean)} / ${formatNumber(s.p95)} / ${formatNumber(s.p99)} / ${formatNumber(s.max)}`;

function configOf(node: PipelineNode): string {
  const c = node.config as Record<string, unknown>;
  return esc(JSON.stringify(c).slice(0, 400));
}

/** The live changes section, and what the prediction and configuration say about them. */
function changesHtml(report: RunReport): { section: string; basis: string; config: string } {
  const changes = report.changes ?? [];
  if (changes.length === 0) {
    return {
      section: '',
      basis: 'for the same document over the same duration (seed 1); the run was not steered.',
      config: 'As designed; nothing was changed while the run was on.',
    };
  }
  const n = changes.length;
  const rows = changes
    .map(
      (c) =>
        `<tr><td>${formatChangeTime(c.atMs)}</td><td>${esc(c.nodeName)}</td><td>${esc(c.description)}</td></tr>`,
    )
    .join('\n');
  return {
    section: `<h2>Live changes</h2>
<p>${plural(n, 'change')} ${n === 1 ? 'was' : 'were'} made while the run was on (time since it started).</p>
<table class="changes"><thead><tr><th>At</th><th>Node</th><th>Change</th></tr></thead><tbody>
${rows}
</tbody></table>`,
    basis: `for the same document over the same duration (seed 1), with the ${plural(n, 'live change')} above replayed at the same times.`,
    config: `As designed; the live changes above applied from their times on.`,
  };
}

function summaryRow(id: string, n: NodeSummary): string {
  const cells = (...values: string[]) => values.map((v) => `<td>${v}</td>`).join('');
  switch (n.kind) {
    case 'producer':
      return `<tr><th>${esc(n.name)}</th><td>producer</td>${cells(`${formatCount(n.created)} created`, formatRate(n.ratePerSec, 'jobs'), '', '')}</tr>`;
    case 'queue':
      return `<tr><th>${esc(n.name)}</th><td>queue</td>${cells(
        `${formatCount(n.enqueued)} enqueued`,
        `wait ms (mean / p95 / p99 / max): ${stat(n.waitMs)}`,
        `waiting mean ${formatNumber(n.waiting.mean)}, max ${formatCount(n.waiting.max)}`,
        n.verdict === 'growing' ? '<strong class="bad">growing</strong>' : 'stable',
      )}</tr>`;
    case 'worker':
      return `<tr><th>${esc(n.name)}</th><td>worker</td>${cells(
        `${formatCount(n.completed)} completed, ${formatCount(n.failed)} failed, ${formatCount(n.retried)} retried`,
        `service ms (mean / p95 / p99 / max): ${stat(n.serviceMs)}`,
        formatRate(n.throughputPerSec, 'jobs'),
        `utilisation ${formatPercent(n.utilisation, 1)}`,
      )}</tr>`;
  }
  return `<tr><th>${esc(id)}</th></tr>`;
}

function changedLive(report: RunReport, nodeId: string): string {
  const mine = (report.changes ?? []).filter((c) => c.nodeId === nodeId);
  return mine.length === 0
    ? '–'
    : mine.map((c) => `${formatChangeTime(c.atMs)} ${esc(c.what)}`).join('<br>');
}

function chart(c: LineChart): string {
  return `<figure>${renderLineChart(c)}<figcaption>${renderLegend(c)}</figcaption></figure>`;
}

/** The report as one self-contained HTML page: no scripts, no external resources. */
export function renderRunReportHtml(report: RunReport): string {
  const { document: doc, summary, series } = report;
  const name = (id: string) => doc.nodes.find((n) => n.id === id)?.name ?? id;
  const depth: LineChart = {
    title: 'Queue depth (waiting + delayed)',
    unit: 'jobs',
    t: series.t,
    series: Object.entries(series.depth).map(([id, values]) => ({ name: name(id), values })),
  };
  const throughput: LineChart = {
    title: 'Worker throughput',
    unit: 'jobs/s',
    t: series.t,
    series: Object.entries(series.throughput).map(([id, values]) => ({ name: name(id), values })),
  };
  const memory: LineChart = {
    title: 'Redis memory',
    unit: 'MB',
    t: series.t,
    series: [{ name: 'used memory', values: series.redisMemoryBytes.map((b) => b / 1048576) }],
  };
  const live = changesHtml(report);
  const comparison = report.comparison.length
    ? `<h2>Predicted versus measured</h2>
<p>The simulator's prediction ${live.basis}</p>
<table><thead><tr><th>Node</th><th>Figure</th><th>Predicted</th><th>Measured</th><th>Difference</th></tr></thead><tbody>
${report.comparison
  .map(
    (r) =>
      `<tr><th>${esc(r.name)}</th><td>${esc(r.figure)}</td><td>${formatNumber(r.predicted)}</td><td>${formatNumber(r.measured)}</td><td>${
        r.differencePercent === null ? '–' : formatSignedPercent(r.differencePercent)
      }</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '';
  const warnings = report.redis.warnings.map((w) => `<p class="bad">${esc(w)}</p>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Run report: ${esc(doc.name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;padding:0 16px;color:#111827}
table{border-collapse:collapse;width:100%;margin:8px 0 20px}th,td{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
thead th{background:#f3f4f6}code{font-size:12px;word-break:break-all}.bad{color:#b91c1c}
figure{margin:12px 0}figcaption{font-size:12px}.key{margin-right:12px;white-space:nowrap}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
.log td{font-family:ui-monospace,monospace;font-size:12px}
</style></head><body>
<h1>Run report: ${esc(doc.name)}</h1>
<p>Run <code>${esc(report.runId)}</code>, started ${esc(report.startedAt)}, measured for ${formatMs(summary.durationMs)}
on Redis ${esc(report.redis.version ?? '?')} at <code>${esc(report.redis.url ?? '?')}</code>${report.redis.managed ? ' (started by Pipewright)' : ''}.
${report.outcome.drained ? 'The queues were drained before stopping.' : ''}
${report.outcome.keysKept ? 'Its keys were kept in Redis.' : `${formatCount(report.outcome.keysRemoved)} keys were removed.`}</p>
${warnings}
<h2>Summary</h2>
<table><thead><tr><th>Node</th><th>Kind</th><th>Totals</th><th>Latency</th><th>Level / rate</th><th>Verdict</th></tr></thead><tbody>
${Object.entries(summary.nodes)
  .map(([id, n]) => summaryRow(id, n))
  .join('\n')}
<tr><th>end to end</th><td>chains</td><td></td><td>ms (mean / p95 / p99 / max): ${stat(summary.endToEndMs)}</td><td></td><td></td></tr>
</tbody></table>
${live.section}
${comparison}
<h2>Over time</h2>
${chart(depth)}
${chart(throughput)}
${chart(memory)}
<h2>Configuration</h2>
<p>${live.config}</p>
<table><thead><tr><th>Node</th><th>Kind</th><th>Settings</th><th>Changed live</th></tr></thead><tbody>
${doc.nodes.map((n) => `<tr><th>${esc(n.name)}</th><td>${n.kind}</td><td><code>${configOf(n)}</code></td><td>${changedLive(report, n.id)}</td></tr>`).join('\n')}
</tbody></table>
<table><thead><tr><th>Edge</th><th>From</th><th>To</th><th>On</th><th>Probability</th></tr></thead><tbody>
${doc.edges.map((e) => `<tr><td>${esc(e.id)}</td><td>${esc(name(e.from))}</td><td>${esc(name(e.to))}</td><td>${e.on ?? 'completed'}</td><td>${e.probability ?? 1}</td></tr>`).join('\n')}
</tbody></table>
<h2>Log</h2>
<table class="log"><tbody>
${report.log.map((l) => `<tr><td>${formatMs(l.t)}</td><td>${l.level}</td><td>${esc(l.message)}</td></tr>`).join('\n') || '<tr><td>(empty)</td></tr>'}
</tbody></table>
</body></html>
`;
}
