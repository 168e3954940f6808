import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FORMAT, serializeDocument, type PipelineDocument } from '../../shared/document';
import { useEditorSuite } from '../helpers/editor-suite';
import { frameFigures, installFrameProbe, readFrameProbe } from '../helpers/frame-probe';
import { SCREENSHOT_DIR, nodeOnCanvas, openEditor } from '../helpers/web-app';

const redisUrl = inject('redisUrl');
const RATE = 5000;

/** No-op jobs as fast as the producer makes them, beside a branch where nothing happens. */
const fastDoc: PipelineDocument = {
  format: FORMAT,
  name: 'Fast no-op jobs',
  nodes: [
    {
      id: 'load',
      kind: 'producer',
      name: 'load',
      position: { x: 0, y: 0 },
      config: { jobName: 'noop', arrival: { type: 'constant', ratePerSec: RATE } },
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
    { id: 'idle', kind: 'queue', name: 'idle', position: { x: 260, y: 200 }, config: {} },
    {
      id: 'idle-worker',
      kind: 'worker',
      name: 'idle-worker',
      position: { x: 520, y: 200 },
      config: { concurrency: 1, replicas: 1, service: { type: 'fixed', ms: 10 } },
    },
  ],
  edges: [
    { id: 'e1', from: 'load', to: 'jobs' },
    { id: 'e2', from: 'jobs', to: 'noop' },
    { id: 'e3', from: 'idle', to: 'idle-worker' },
  ],
};

describe('a fast run in web mode', () => {
  const suite = useEditorSuite({ redisUrl });
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipewright-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('updates only the badges whose figures changed while thousands of jobs a second flow', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    const file = join(dir, 'fast.pipewright.json');
    await writeFile(file, serializeDocument(fastDoc));
    await suite.app.services.openFromHost(file);
    await nodeOnCanvas(page, 'idle-worker').waitFor();

    // Start and stop from the keyboard, as the menu's shortcuts do (the page keeps Ctrl+F5).
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+F5');
    await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
    for (const id of ['jobs', 'noop', 'idle', 'idle-worker']) {
      await nodeOnCanvas(page, id).getByTestId('live-badge').waitFor();
    }
    // Let the run settle, then watch the page for a few seconds.
    await page.waitForTimeout(1500);
    await installFrameProbe(page, ['load', 'jobs', 'noop', 'idle', 'idle-worker']);
    await page.waitForTimeout(4000);
    const probe = await readFrameProbe(page);
    const throughput = await nodeOnCanvas(page, 'noop')
      .getByTestId('badge-throughput')
      .textContent();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'run-fast.png') });
    await page.keyboard.press('Control+Shift+F5');
    await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();

    // The badges of the busy branch changed; the idle branch's were never touched.
    expect(probe.mutations.noop).toBeGreaterThan(5);
    expect(probe.mutations.load).toBeGreaterThan(5);
    expect(probe.mutations.idle).toBe(0);
    expect(probe.mutations['idle-worker']).toBe(0);
    expect(errors).toEqual([]);

    // Figures to report, not to assert (CPU is shared here).
    const { frames } = probe;
    const { max, over50 } = frameFigures(frames);
    console.log(
      `fast run: producer at ${RATE}/s, worker badge said ${throughput}; ` +
        `${frames.length} frames in 4 s, longest ${max.toFixed(1)} ms, ` +
        `${over50} over 50 ms; long tasks: ${probe.longTasks.length} ` +
        `(longest ${Math.max(0, ...probe.longTasks).toFixed(0)} ms); ` +
        `badge DOM mutations: ${JSON.stringify(probe.mutations)}`,
    );
    await context.close();
  });
});
