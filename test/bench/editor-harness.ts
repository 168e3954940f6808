/**
 * Shared set-up of the editor benchmarks (test/bench/editor-*.bench.ts): a freshly built renderer
 * served in web mode, real Chromium, and a 500-node / 700-edge pipeline on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { serializeDocument } from '../../shared/document';
import { bigPipeline } from '../helpers/big-pipeline';
import { launchChromium } from '../helpers/chromium';
import { RENDERER_DIR, clickNode, openEditor, startWebApp, type WebApp } from '../helpers/web-app';

const root = resolve(import.meta.dirname, '..', '..');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when out/renderer is missing or older than any renderer/ or shared/ source. */
export function ensureRendererBuilt(): void {
  const index = join(RENDERER_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'shared')));
  if (built > sources) return;
  console.log('building the renderer (electron-vite build)…');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  if (result.status !== 0) throw new Error('electron-vite build failed; run it to see why');
}

export { bigPipeline } from '../helpers/big-pipeline';

export interface Bench {
  app: WebApp;
  browser: Browser;
  page: Page;
  bigPath: string;
  close(): Promise<void>;
}

export async function startBench(): Promise<Bench> {
  ensureRendererBuilt();
  const app = await startWebApp();
  const browser = await launchChromium();
  const { page } = await openEditor(browser, app);
  const bigPath = join(app.userDataDir, 'big.pipewright.json');
  await writeFile(bigPath, serializeDocument(bigPipeline()));
  return {
    app,
    browser,
    page,
    bigPath,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/**
 * Opens a file through the Open dialog; resolves with ms from Enter to the first frame in which
 * every node is measured and visible and every edge is drawn.
 */
export async function openTimed(
  page: Page,
  path: string,
  nodes: number,
  edges: number,
): Promise<number> {
  await page.keyboard.press('Control+O');
  const input = page.getByTestId('open-dialog').getByLabel('File on the host');
  await input.fill(path);
  // Start the clock in the page, at the key press, and stop it at the first frame with every node.
  // (Page code is passed as text: tsx would wrap named functions in a helper the page lacks.)
  await page.evaluate(
    `window.addEventListener('keydown', () => { window.__t0 = performance.now(); }, { capture: true, once: true })`,
  );
  await input.press('Enter');
  return page.evaluate(`new Promise((done) => {
    const check = () => {
      const all = [...document.querySelectorAll('.react-flow__node')];
      const shown = all.filter((n) => n.style.visibility !== 'hidden');
      const drawn = document.querySelectorAll('.react-flow__edge').length;
      const inFile = /([\\d,]+) nodes · ([\\d,]+) edges/.exec(document.querySelector('[data-testid=statusbar]').textContent) ?? [];
      const count = (text) => Number(String(text).replace(/,/g, ''));
      const loaded = count(inFile[1]) === ${nodes} && count(inFile[2]) === ${edges};
      // Opening fits the whole pipeline in view, so every node and edge is drawn.
      if (loaded && shown.length >= ${nodes} && drawn >= ${edges}) done(performance.now() - window.__t0);
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

export const ms = (n: number): string => `${n.toFixed(1)} ms`;

/** Starts recording frame intervals (rAF) and long tasks in the page. */
export async function startFrameRecording(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__long = [];
    window.__recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.__frames.push(now - last);
      last = now;
      if (window.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    window.__observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    });
    window.__observer.observe({ type: 'longtask' });
  })()`);
}

/** Stops recording; the first interval (before the interaction began) is dropped. */
export async function stopFrameRecording(
  page: Page,
): Promise<{ frames: number[]; longTasks: number[] }> {
  return page.evaluate(`(() => {
    window.__recording = false;
    window.__observer.disconnect();
    return { frames: window.__frames.slice(1), longTasks: window.__long };
  })()`);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** CPU time of the thread within the event (wall time minus time it was descheduled). */
  tdur?: number;
  tid: number;
  args?: { data?: { type?: string } };
}

export interface KeyCost {
  /** Every main-thread task from this keydown until the next key press. */
  total: number;
  /** JavaScript (event handlers, React, effects, timers) within that window. */
  script: number;
  /** Style, layout, paint and compositing preparation within that window. */
  rendering: number;
  /**
   * The main thread's CPU time within `total`: on a loaded machine (2 shared cores) a task's wall
   * time also counts the time the thread waited for a core.
   */
  cpu: number;
}

const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
]);

/**
 * Runs `action` under a Chromium trace and returns, for each key press, the main-thread time
 * from its keydown until the next key press, in total and split into script and rendering.
 */
export async function mainThreadCostPerKey(
  page: Page,
  action: () => Promise<void>,
): Promise<KeyCost[]> {
  const client = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  client.on(
    'Tracing.dataCollected',
    (e) => void events.push(...(e.value as unknown as TraceEvent[])),
  );
  await client.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await action();
  const complete = new Promise((resolve) => client.once('Tracing.tracingComplete', resolve));
  await client.send('Tracing.end');
  await complete;
  await client.detach();
  // The renderer's main thread is the one that dispatched the key events.
  const keyEvents = events.filter(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown',
  );
  const main = keyEvents[0]?.tid;
  const keys = keyEvents
    .filter((e) => e.tid === main)
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const onMain = events.filter((e) => e.tid === main && e.ph === 'X' && e.dur);
  // Top-level script only: a FunctionCall inside another is already counted.
  const calls = onMain.filter((e) => e.name === 'FunctionCall' || e.name === 'TimerFire');
  const topCalls = calls.filter(
    (c) =>
      !calls.some(
        (o) => o !== c && o.ts <= c.ts && o.ts + o.dur! >= c.ts + c.dur! && o.dur! > c.dur!,
      ),
  );
  const within = (list: TraceEvent[], start: number, end: number) =>
    list
      .filter((t) => t.ts + t.dur! > start && t.ts < end)
      .reduce((sum, t) => sum + Math.min(t.ts + t.dur!, end) - Math.max(t.ts, start), 0) / 1000;
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const cpuWithin = (start: number, end: number) =>
    tasks
      .filter((t) => t.ts + t.dur! > start && t.ts < end)
      .reduce((sum, t) => {
        const overlap = Math.min(t.ts + t.dur!, end) - Math.max(t.ts, start);
        return sum + (overlap / t.dur!) * (t.tdur ?? t.dur!);
      }, 0) / 1000;
  const rendering = onMain.filter((e) => RENDERING.has(e.name));
  return keys.map((start, i) => {
    const end = keys[i + 1] ?? Infinity;
    return {
      total: within(tasks, start, end),
      script: within(topCalls, start, end),
      rendering: within(rendering, start, end),
      cpu: cpuWithin(start, end),
    };
  });
}

/** Main-thread ms per key press, in total (see mainThreadCostPerKey for the split). */
export async function mainThreadPerKey(page: Page, action: () => Promise<void>): Promise<number[]> {
  return (await mainThreadCostPerKey(page, action)).map((k) => k.total);
}

/**
 * What every keystroke bench types into: worker l0-w1 of the big pipeline selected (where it is
 * drawn; `zoomed` zooms to it first), its mean service time set to 100 and focused.
 */
export async function focusServiceMean(page: Page, zoomed: boolean): Promise<Locator> {
  await clickNode(page, 'l0-w1');
  if (zoomed) {
    await page.keyboard.press('Shift+2');
    await page.waitForTimeout(600);
  }
  const mean = page.getByTestId('inspector').getByLabel('Mean', { exact: true });
  await mean.fill('100');
  await mean.focus();
  return mean;
}
