import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { RunSummary } from '../../../shared/metrics';
import { main } from '../../../main/cli/index';
import { parseDuration } from '../../../shared/duration';
import type { RunReport } from '../../../shared/api/contract';
import { createRunServices, type RunServices } from '../../../main/services/runs/api';
import { edge, pipeline, producer, queue, simplePipeline, sleep, worker } from './helpers';

const redisUrl = inject('redisUrl');
const dirs: string[] = [];
let services: RunServices | undefined;
afterEach(async () => {
  await services?.close();
  services = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-report-'));
  dirs.push(dir);
  return dir;
};

describe('run report', () => {
  it('saves JSON and self-contained HTML with configuration, summary, prediction and charts', async () => {
    const events: string[] = [];
    services = createRunServices({ redisUrl: () => redisUrl, emit: (event) => events.push(event) });
    const { handlers } = services;
    await expect(handlers['run:report']({ format: 'json' })).rejects.toThrow(/no run to report/);
    await expect(handlers['run:lastReport']({})).rejects.toThrow(/no run to report/);
    const doc = pipeline(
      'Report <script>alert(1)</script> & co',
      [
        producer('p', { arrival: { type: 'poisson', ratePerSec: 30 } }),
        queue('q', {}, 'orders "eu"'),
        worker('w', { concurrency: 3, service: { type: 'exponential', meanMs: 20 } }),
      ],
      [edge('p', 'q'), edge('q', 'w')],
    );
    await handlers['run:start']({ document: doc });
    await expect(handlers['run:report']({ format: 'json' })).rejects.toThrow(/stop it first/);
    await sleep(2000);
    await handlers['run:stop']({});
    expect(events).toEqual(
      expect.arrayContaining(['run:status', 'run:snapshot', 'run:log', 'redis:status']),
    );

    const json = await handlers['run:report']({ format: 'json' });
    expect(json).toMatchObject({ format: 'json', mimeType: 'application/json', path: null });
    const report = JSON.parse(json.content!) as RunReport;
    expect(report.format).toBe('pipewright-run-report/v1');
    expect(report.document.name).toBe(doc.name);
    expect(report.summary.format).toBe('pipewright-summary/v1');
    expect(report.series.t.length).toBeGreaterThan(5);
    expect(report.series.depth.q!.length).toBe(report.series.t.length);
    // The simulator's prediction for the same document and duration, and the differences.
    expect(report.prediction?.mode).toBe('simulate');
    const throughput = report.comparison.find(
      (r) => r.nodeId === 'w' && /throughput/.test(r.figure),
    )!;
    expect(throughput.predicted).toBeGreaterThan(20);
    expect(throughput.measured).toBeGreaterThan(15);
    expect(Math.abs(throughput.differencePercent!)).toBeLessThan(50);
    // The renderer gets the same report as a typed object, nothing to re-read.
    const data = await handlers['run:lastReport']({});
    expect({ ...data, generatedAt: report.generatedAt }).toEqual(report);

    const html = await handlers['run:report']({ format: 'html' });
    const page = html.content!;
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<svg');
    expect(page).toContain('Predicted versus measured');
    expect(page).toContain('Report &#60;script&#62;alert(1)&#60;/script&#62; &#38; co');
    expect(page).toContain('orders &#34;eu&#34;');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)="https?:/);

    const dir = tempDir();
    const saved = await handlers['run:report']({ format: 'html', path: join(dir, 'report.html') });
    expect(saved).toMatchObject({ path: join(dir, 'report.html'), content: null });
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe(page);
    await expect(handlers['run:report']({ format: 'json', path: 'relative.json' })).rejects.toThrow(
      /must be absolute/,
    );
    expect(await handlers['run:current']({})).toMatchObject({ state: 'stopped' });
    expect(await handlers['redis:status']({})).toMatchObject({
      state: 'connected',
      managed: false,
    });
  });
});

describe('pipewright run (CLI)', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: tempDir() },
      out,
      err,
    };
  };

  it('prints the same pipewright-summary/v1 as simulate', async () => {
    const c = capture();
    writeFileSync(
      join(c.io.cwd, 'p.pipewright.json'),
      JSON.stringify(simplePipeline({ rate: 30 })),
    );
    const code = await main(
      ['run', 'p.pipewright.json', '--redis', redisUrl, '--duration', '2s', '--json'],
      c.io,
    );
    expect(c.err.join('\n')).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(c.out.join('\n')) as RunSummary;
    expect(summary).toMatchObject({
      format: 'pipewright-summary/v1',
      mode: 'run',
      document: 'simple',
    });
    expect(summary.incidents).toEqual([]);
    expect(summary.reconciled).toBe(true);
    expect(summary.durationMs).toBeGreaterThanOrEqual(2000);
    expect(summary.durationMs).toBeLessThan(3500);
    expect(Object.keys(summary.nodes)).toEqual(['p', 'q', 'w']);
    expect(summary.nodes.p).toMatchObject({ kind: 'producer', name: 'p' });
    expect((summary.nodes.w as { completed: number }).completed).toBeGreaterThan(40);

    const table = capture();
    writeFileSync(join(table.io.cwd, 'p.json'), JSON.stringify(simplePipeline({ rate: 10 })));
    expect(await main(['run', 'p.json', '--redis', redisUrl, '--duration', '1s'], table.io)).toBe(
      0,
    );
    expect(table.out.join('\n')).toMatch(/^simple: ran 1(\.\d)? s/);
    expect(table.out.join('\n')).toMatch(/w\s+worker\s+\d+ completed/);
    expect(table.err.join('\n')).toMatch(/Running "simple" for 1 s on Redis/);
  });

  it('refuses bad arguments and unreadable files with exit status 2', async () => {
    const c = capture();
    expect(await main(['run'], c.io)).toBe(2);
    expect(await main(['run', 'x.json', '--duration', 'soon'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--duration "soon" must be a time from 1s to 24h/);
    expect(await main(['run', 'x.json', '--redis', 'http://nope'], c.io)).toBe(2);
    expect(await main(['run', 'missing.json', '--redis', redisUrl], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/missing\.json: \(file\): no such file/);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('-3s')).toBeNull();
  });
});
