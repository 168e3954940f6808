/**
 * Where a keystroke's main-thread time goes: the keystroke bench's typing under the V8 sampling
 * profiler, on an unminified build (so functions keep their names), printing self and inclusive
 * time per function. A diagnostic, not a benchmark.
 * Run: npx vite build --config test/bench/editor-profile.vite.config.ts &&
 *      npx tsx test/bench/editor-keystroke-profile.ts [whole|zoomed]
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHostServices } from '../../main/services/host-services';
import { startWebServer } from '../../main/web/server';
import { serializeDocument } from '../../shared/document';
import { launchChromium } from '../helpers/chromium';
import { EXAMPLES_DIR } from '../helpers/web-app';
import { bigPipeline, focusServiceMean, openTimed } from './editor-harness';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface TraceEvent {
  name: string;
  ts: number;
  ph: string;
  dur?: number;
  tid: number;
  args?: {
    data?: Record<string, unknown>;
    beginData?: Record<string, unknown>;
    elementCount?: number;
  };
}

/** Main-thread time per key by trace event name, with how much each style/layout pass touched. */
function printTrace(events: TraceEvent[]): void {
  // The renderer's main thread is the one that paints.
  const main = events.find((e) => e.name === 'Paint')?.tid;
  const byName = new Map<string, { ms: number; n: number }>();
  for (const e of events) {
    if (e.tid !== main || e.ph !== 'X' || !e.dur) continue;
    const entry = byName.get(e.name) ?? { ms: 0, n: 0 };
    entry.ms += e.dur / 1000;
    entry.n++;
    byName.set(e.name, entry);
  }
  console.log('trace events (ms per key, count per key)');
  for (const [name, { ms, n }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25))
    console.log(
      `  ${(ms / 10).toFixed(2).padStart(7)} ms  ${(n / 10).toFixed(1).padStart(6)}×  ${name}`,
    );
  // One key's tasks in order: what ran, and what it cost.
  const keys = events
    .filter((e) => e.tid === main && e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .map((e) => e.ts)
    .sort((a, b) => a - b);
  const from = keys[4] ?? 0;
  const to = keys[5] ?? Infinity;
  const inKey = events
    .filter((e) => e.tid === main && e.ph === 'X' && e.dur && e.ts >= from && e.ts < to)
    .sort((a, b) => a.ts - b.ts);
  for (const task of inKey.filter((e) => e.name === 'RunTask' && e.dur! > 200)) {
    const inner = inKey.filter(
      (e) => e !== task && e.ts >= task.ts && e.ts + e.dur! <= task.ts + task.dur! && e.dur! > 100,
    );
    const what = inner
      .filter((e) => e.name !== 'FunctionCall' || true)
      .map(
        (e) =>
          `${e.name}${e.args?.data?.type ? `(${String(e.args.data.type)})` : ''} ${(e.dur! / 1000).toFixed(1)}`,
      )
      .join(', ');
    console.log(
      `  @${((task.ts - from) / 1000).toFixed(0)} ms: ${(task.dur! / 1000).toFixed(1)} ms: ${what}`,
    );
  }
  const styles = events.filter((e) => e.tid === main && e.name === 'UpdateLayoutTree' && e.dur);
  console.log(
    '  style recalcs (ms, elements):',
    styles
      .map((e) => `${(e.dur! / 1000).toFixed(1)}/${String(e.args?.elementCount ?? '?')}`)
      .join(' '),
  );
  const layouts = events.filter((e) => e.tid === main && e.name === 'Layout' && e.dur);
  console.log(
    '  layouts (ms, dirty/total objects):',
    layouts
      .map(
        (e) =>
          `${(e.dur! / 1000).toFixed(1)}/${String(e.args?.beginData?.dirtyObjects ?? '?')}/${String(e.args?.beginData?.totalObjects ?? '?')}`,
      )
      .join(' '),
  );
}

/**
 * A stand-in for React DevTools' hook: after each commit, counts the function components that
 * rendered in it (cloned this commit and did work), by name, into window.__renders.
 */
const COUNT_RENDERS = `(() => {
  window.__renders = {};
  const walk = (fiber) => {
    for (let f = fiber; f; f = f.sibling) {
      const old = f.alternate;
      const component = f.tag === 0 || f.tag === 11 || f.tag === 14 || f.tag === 15;
      if (component && (old === null || (f.flags & 1))) {
        const type = f.type && (f.type.type || f.type.render || f.type);
        const name = (type && (type.displayName || type.name)) || 'anonymous';
        window.__renders[name] = (window.__renders[name] || 0) + 1;
      }
      if (f.child && (old === null || f.child !== old.child)) walk(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberRoot(id, root) { walk(root.current.child); },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
  };
})()`;

const zoomed = process.argv[2] === 'zoomed';
/** `idle`: the same span without typing, to see what the page costs anyway (caret, timers). */
const idle = process.argv[3] === 'idle';
const userDataDir = await mkdtemp(join(tmpdir(), 'pipewright-profile-'));
const services = createHostServices({
  userDataDir,
  examplesDir: EXAMPLES_DIR,
  host: 'web',
  warn: () => {},
});
const server = await startWebServer({ port: 0, services, rendererDir: '/tmp/pw-renderer-dev' });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(COUNT_RENDERS);
  await page.goto(server.url);
  await page.getByTestId('statusbar').waitFor();
  const bigPath = join(userDataDir, 'big.pipewright.json');
  await writeFile(bigPath, serializeDocument(bigPipeline()));
  await openTimed(page, bigPath, 500, 700);
  await page.waitForTimeout(800);
  await focusServiceMean(page, zoomed);
  await page.evaluate('window.__renders = {}');
  await page.keyboard.press('5');
  await page.waitForTimeout(400);
  const renders = (await page.evaluate('window.__renders')) as Record<string, number>;
  console.log(
    'components rendered by one key:',
    Object.entries(renders)
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${n}`)
      .join(', '),
  );
  const client = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  client.on(
    'Tracing.dataCollected',
    (e) => void events.push(...(e.value as unknown as TraceEvent[])),
  );
  await client.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: 100 });
  await client.send('Profiler.start');
  for (const key of '1234567890') {
    if (!idle) await page.keyboard.press(key);
    await page.waitForTimeout(250);
  }
  const { profile } = (await client.send('Profiler.stop')) as unknown as { profile: Profile };
  const complete = new Promise((resolve) => client.once('Tracing.tracingComplete', resolve));
  await client.send('Tracing.end');
  await complete;
  printTrace(events);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i]!));
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const l = label(byId.get(at)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclBy.set(l, (inclBy.get(l) ?? 0) + us);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .filter(([l]) => !l.startsWith('(idle)') && !l.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([l, us]) => `  ${(us / 10000).toFixed(2).padStart(7)} ms/key  ${l}`)
      .join('\n');
  console.log(`${zoomed ? 'zoomed in' : 'whole pipeline'}: self time per key\n${top(selfBy, 30)}`);
  console.log(`inclusive time per key\n${top(inclBy, 60)}`);
} finally {
  await browser.close();
  await server.close();
  await services.close();
  await rm(userDataDir, { recursive: true, force: true });
}
