import { describe, expect, it } from 'vitest';
import { simulate } from '../../../../shared/simulation';
import {
  COLUMNS,
  resultFileName,
  resultRows,
  summaryCsv,
  summaryJson,
  summaryTsv,
} from '../../../../renderer/analysis/results-table';
import { welcomeDoc } from '../actions/fixtures';
import { readExample } from './fixtures';

const order = welcomeDoc().nodes.map((n) => n.id);
const reportFanout = readExample('report-fanout');

/** Splits one CSV line into cells (quotes honoured). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else {
      cell += c;
    }
  }
  out.push(cell);
  return out;
}

describe('results table', () => {
  const summary = simulate(welcomeDoc(), { durationMs: 120_000 });

  it('has a row per node, producers then queues then workers, and end to end last', () => {
    const rows = resultRows(summary, order);
    expect(rows.map((r) => `${r.kind}:${r.name}`)).toEqual([
      'producer:signup-api',
      'queue:emails',
      'queue:dead-letters',
      'worker:email-sender',
      'pipeline:end to end',
    ]);
    const emails = rows[1]!;
    expect(emails.values.verdict).toBe('stable');
    expect(emails.values['waitMs.p95']).toBe(
      summary.nodes.emails?.kind === 'queue' && summary.nodes.emails.waitMs.p95,
    );
    expect(emails.values.completed).toBeUndefined();
    expect(rows[3]!.values.utilisation).toBeGreaterThan(0.1);
    expect(rows[4]!.values['endToEndMs.p95']).toBe(summary.endToEndMs.p95);
  });

  it('saves as CSV with one header and the figures of every node', () => {
    const csv = summaryCsv(summary, order);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    const header = cells(lines[0]!);
    expect(header.slice(0, 3)).toEqual(['id', 'name', 'kind']);
    // A flow's columns (waiting for children) only when a queue has them: none here.
    expect(header).toHaveLength(3 + COLUMNS.filter((c) => !c.optional).length);
    expect(header).not.toContain('waiting_children_mean');
    const sender = cells(lines.find((l) => l.startsWith('sender,'))!);
    const column = (name: string) => sender[header.indexOf(name)];
    expect(column('kind')).toBe('worker');
    const figures = summary.nodes.sender;
    expect(figures?.kind).toBe('worker');
    if (figures?.kind !== 'worker') return;
    expect(Number(column('completed'))).toBe(figures.completed);
    expect(Number(column('throughput_per_sec'))).toBeCloseTo(figures.throughputPerSec, 4);
    expect(column('wait_p95_ms')).toBe('');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it("gives a flow's parent queue its parents waiting for children, mean and max", () => {
    const flow = simulate(reportFanout, { durationMs: 120_000 });
    const join = flow.nodes.assemble;
    if (join?.kind !== 'queue' || !join.waitingChildren) throw new Error('no waitingChildren');
    expect(join.waitingChildren.mean).toBeGreaterThan(0.1);
    const rows = resultRows(
      flow,
      reportFanout.nodes.map((n) => n.id),
    );
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row('assemble').values['waitingChildren.mean']).toBe(join.waitingChildren.mean);
    expect(row('assemble').values['waitingChildren.max']).toBe(join.waitingChildren.max);
    expect(row('report-parts').values['waitingChildren.mean']).toBeUndefined();
    const [head, ...lines] = summaryCsv(flow).trimEnd().split('\r\n');
    const header = cells(head!);
    expect(header).toHaveLength(3 + COLUMNS.length);
    const at = (id: string, column: string) =>
      cells(lines.find((l) => l.startsWith(`${id},`))!)[header.indexOf(column)];
    expect(Number(at('assemble', 'waiting_children_mean'))).toBeCloseTo(
      join.waitingChildren.mean,
      4,
    );
    expect(Number(at('assemble', 'waiting_children_max'))).toBe(join.waitingChildren.max);
    expect(at('report-parts', 'waiting_children_max')).toBe('');
  });

  it('quotes names that hold commas or quotes', () => {
    const odd = { ...summary, nodes: { ...summary.nodes } };
    odd.nodes.signup = { ...odd.nodes.signup!, name: 'sign "up", api' };
    const line = summaryCsv(odd, order).split('\r\n')[1]!;
    expect(line.startsWith('signup,"sign ""up"", api",producer,')).toBe(true);
    expect(cells(line)[1]).toBe('sign "up", api');
  });

  it('adds the 95% half-widths as columns when there were replications', () => {
    const replicated = simulate(welcomeDoc(), { durationMs: 60_000, replications: 3 });
    const [head, ...rows] = summaryCsv(replicated, order).trimEnd().split('\r\n');
    const header = cells(head!);
    expect(header).toContain('wait_p95_ms_ci95');
    expect(header).not.toContain('verdict_ci95');
    const emails = cells(rows.find((l) => l.startsWith('emails,'))!);
    expect(Number(emails[header.indexOf('enqueued_ci95')])).toBeGreaterThan(0);
    // The half-width of the mean wait over the three seeds: t(0.975, 2) × sd / √3.
    const waits = [1, 2, 3].map((seed) => {
      const q = simulate(welcomeDoc(), { durationMs: 60_000, seed }).nodes.emails!;
      return q.kind === 'queue' ? q.waitMs.mean : NaN;
    });
    const mean = waits.reduce((a, b) => a + b, 0) / 3;
    const sd = Math.sqrt(waits.reduce((a, w) => a + (w - mean) ** 2, 0) / 2);
    expect(sd).toBeGreaterThan(0);
    const emailsRow = resultRows(replicated, order).find((r) => r.id === 'emails')!;
    expect(emailsRow.ci95['waitMs.mean']).toBeCloseTo((4.303 * sd) / Math.sqrt(3), 3);
  });

  it('copies as tab-separated text and saves the summary object as JSON', () => {
    const tsv = summaryTsv(summary, order).trimEnd().split('\n');
    expect(tsv[0]!.split('\t').slice(0, 4)).toEqual(['id', 'name', 'kind', 'created']);
    expect(tsv).toHaveLength(6);
    expect(JSON.parse(summaryJson(summary))).toEqual(summary);
  });

  it('names files after the document', () => {
    expect(resultFileName('Welcome emails', 'simulation', 'csv')).toBe(
      'welcome-emails-simulation.csv',
    );
    expect(resultFileName('  ', 'run', 'json')).toBe('pipeline-run.json');
    expect(resultFileName('Ünïcode / pipe: 2', 'run', 'csv')).toBe('ünïcode-pipe-2-run.csv');
  });
});
