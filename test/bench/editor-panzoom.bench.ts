/**
 * Frame times while panning and zooming a 500-node, 700-edge pipeline (web mode, real Chromium,
 * software rendering). Frames are the intervals between animation frames during the gesture.
 * Target: frames under 33 ms. Run: npm run bench -- editor-panzoom
 */
import type { Page } from 'playwright-core';
import {
  median,
  ms,
  openTimed,
  percentile,
  startBench,
  startFrameRecording,
  stopFrameRecording,
} from './editor-harness';

async function pan(page: Page): Promise<void> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  // Space + drag pans from anywhere, even over nodes.
  await page.keyboard.down('Space');
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(cx + Math.sin(i / 6) * 200, cy + Math.cos(i / 6) * 120);
  }
  await page.mouse.up();
  await page.keyboard.up('Space');
}

async function zoom(page: Page): Promise<void> {
  const box = (await page.getByTestId('canvas').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? -60 : 60);
    await page.waitForTimeout(16);
  }
}

async function measure(page: Page, label: string, gesture: (page: Page) => Promise<void>) {
  await startFrameRecording(page);
  await gesture(page);
  await page.waitForTimeout(100);
  const { frames, longTasks } = await stopFrameRecording(page);
  // Frame intervals come in whole vsyncs (16.7 ms); 33.4 ms is one missed vsync, 50 ms two.
  const missed = frames.filter((f) => f > 17).length;
  const over = frames.filter((f) => f > 34).length;
  console.log(
    `${label.padEnd(26)} ${String(frames.length).padStart(4)} frames: median ${ms(median(frames))}, ` +
      `p95 ${ms(percentile(frames, 95))}, max ${ms(Math.max(...frames))}; ` +
      `one vsync missed: ${missed}, over 33.4 ms: ${over}; ` +
      `long tasks: ${longTasks.length}${longTasks.length ? ` (max ${ms(Math.max(...longTasks))})` : ''}`,
  );
  return percentile(frames, 95);
}

const bench = await startBench();
try {
  const { page } = bench;
  await openTimed(page, bench.bigPath, 500, 700);
  await page.waitForTimeout(500);
  const results = [
    await measure(page, 'pan, whole pipeline', pan),
    await measure(page, 'zoom, whole pipeline', zoom),
  ];
  // Closer in, still drawn as the overview (below 40 %), then at readable zooms where the nodes
  // themselves are on the page (only those in view: React Flow skips the others).
  const zoomLevel = async () =>
    Number(/(\d+)%/.exec((await page.getByTestId('statusbar').textContent()) ?? '')?.[1]);
  for (const atLeast of [20, 60, 100]) {
    while ((await zoomLevel()) < atLeast) {
      await page.locator('.react-flow__controls-zoomin').click();
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(400);
    results.push(await measure(page, `pan at ${await zoomLevel()}%`, pan));
    results.push(await measure(page, 'zoom from there', zoom));
  }
  // rAF intervals are whole vsyncs: a p95 of 33.4 ms means frames took at most one extra vsync,
  // i.e. under 33 ms of work each; 50 ms would mean frames over the budget.
  console.log(
    `target p95 ≤ 33.4 ms (two vsyncs): ${results.every((p) => p <= 33.5) ? 'met' : 'NOT met'}`,
  );
  // Panning must have moved the view only, never a node (Space + drag pans over nodes too).
  if ((await page.getByTestId('dirty-marker').count()) > 0) {
    throw new Error('the document changed while panning and zooming: a gesture moved nodes');
  }
} finally {
  await bench.close();
}
