/**
 * UI responsiveness while a real run moves 5,000 jobs/s: Pipewright in web mode on its own
 * redis-server, opened in real Chromium; a producer at 5,000 jobs/s feeds a queue drained by a
 * no-op worker (fixed 0 ms service, concurrency 50). After Run, the page records frame gaps
 * (requestAnimationFrame) and long tasks for ~10 s while the host counts the jobs/s its snapshots
 * report. Prints the longest frame, frames over 50 ms, the p99 frame and the achieved jobs/s.
 * Builds the renderer first when out/renderer is missing.
 *
 * With PROFILE=1 it also records a CPU profile of the page over the window and prints the
 * functions with the most self time (what the renderer spends its main thread on).
 *
 *   npx tsx test/bench/run-ui.bench.ts [seconds=10] [rate=5000]
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunSnapshotEvent } from '../../shared/api/contract';
import { FORMAT, serializeDocument, type PipelineDocument } from '../../shared/document';
import { launchChromium } from '../helpers/chromium';
import { frameFigures, installFrameProbe, readFrameProbe } from '../helpers/frame-probe';
import { startTestRedis } from '../helpers/redis-server';
import { RENDERER_DIR, nodeOnCanvas, openEditor, startWebApp } from '../helpers/web-app';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 5000);

const doc: PipelineDocument = {
  format: FORMAT,
  name: 'UI under load',
  nodes: [
    {
      id: 'load',
      kind: 'producer',
      name: 'load',
      position: { x: 0, y: 0 },
      config: { jobName: 'noop', arrival: { type: 'constant', ratePerSec: rate } },
    },
    {
      id: 'jobs',
      kind: 'queue',
      name: 'jobs',
      position: { x: 260, y: 0 },
      config: { removeOnComplete: true },
    },
    {
      id: 'noop',
      kind: 'worker',
      name: 'noop',
      position: { x: 520, y: 0 },
      config: { concurrency: 50, replicas: 1, service: { type: 'fixed', ms: 0 } },
    },
  ],
  edges: [
    { id: 'e1', from: 'load', to: 'jobs' },
    { id: 'e2', from: 'jobs', to: 'noop' },
  ],
};

if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
  console.log('building the renderer (out/renderer is missing)…');
  execSync('npx electron-vite build', { stdio: 'inherit' });
}

const redis = await startTestRedis();
const app = await startWebApp({ redisUrl: redis.url });
const browser = await launchChromium();
const dir = await mkdtemp(join(tmpdir(), 'pipewright-run-ui-'));
try {
  const { page, errors, context } = await openEditor(browser, app);
  const file = join(dir, 'load.pipewright.json');
  await writeFile(file, serializeDocument(doc));
  await app.services.openFromHost(file);
  await nodeOnCanvas(page, 'noop').waitFor();

  const snapshots: RunSnapshotEvent[] = [];
  const unsubscribe = app.services.runs.runs.onSnapshot((e) => snapshots.push(e));
  // Run and Stop from the keyboard, as the menu's shortcuts do.
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+F5');
  await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
  await nodeOnCanvas(page, 'noop').getByTestId('live-badge').waitFor();
  await page.waitForTimeout(1500); // past the start-up transient

  const from = snapshots.length;
  const cdp = process.env.PROFILE ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await installFrameProbe(page);
  await page.waitForTimeout(seconds * 1000);
  const probe = await readFrameProbe(page);
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  const window = snapshots.slice(Math.max(0, from - 1));
  unsubscribe();
  await page.keyboard.press('Control+Shift+F5');
  await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();

  const completed = (e: RunSnapshotEvent | undefined) => {
    const w = e?.snapshot.nodes.noop;
    return w?.kind === 'worker' ? w.completed : 0;
  };
  const first = window[0];
  const last = window.at(-1);
  const spanS = first && last ? (last.snapshot.t - first.snapshot.t) / 1000 : 0;
  const jobsPerSec = spanS > 0 ? (completed(last) - completed(first)) / spanS : 0;
  const f = frameFigures(probe.frames);
  console.log(
    `producer at ${rate} jobs/s, ${seconds} s watched, ${window.length} snapshots (${spanS.toFixed(1)} s)`,
  );
  console.log(`  achieved:        ${jobsPerSec.toFixed(0)} jobs/s completed`);
  console.log(
    `  frames:          ${probe.frames.length} (${(probe.frames.length / seconds).toFixed(0)}/s)`,
  );
  console.log(`  max frame:       ${f.max.toFixed(1)} ms`);
  console.log(`  p99 frame:       ${f.p99.toFixed(1)} ms`);
  console.log(`  frames > 50 ms:  ${f.over50} (target 0)`);
  console.log(
    `  long tasks:      ${probe.longTasks.length} (longest ${Math.max(0, ...probe.longTasks).toFixed(0)} ms)`,
  );
  if (profile) printTopSelfTime(profile, seconds);
  if (errors.length) console.log(`  page errors: ${errors.join('; ')}`);
  await context.close();
} finally {
  await browser.close();
  await app.close();
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
}

/** The page's functions with the most self time over the window, as ms per second. */
function printTopSelfTime(
  profile: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples?: number[];
    timeDeltas?: number[];
  },
  windowS: number,
): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const f = byId.get(id)!;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  console.log('  page self time (ms per s):');
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`    ${(ms / windowS).toFixed(1).padStart(6)}  ${key}`);
}
