import type { Page } from 'playwright-core';

/** What the page recorded: frame gaps (ms), long tasks (ms), DOM mutations per watched node. */
export interface FrameProbe {
  frames: number[];
  longTasks: number[];
  mutations: Record<string, number>;
}

/**
 * Starts recording in the page: the gap between requestAnimationFrame callbacks, long tasks
 * (PerformanceObserver 'longtask') and, for each canvas node id given, the DOM mutations under it.
 */
export async function installFrameProbe(page: Page, watchNodeIds: string[] = []): Promise<void> {
  // Source text, not a function: tsx (esbuild keepNames) would wrap a function's inner names in
  // a `__name` helper that does not exist in the page.
  await page.evaluate(`(() => {
    const probe = { frames: [], longTasks: [], mutations: {} };
    window.probe = probe;
    let last = performance.now();
    const tick = (now) => {
      probe.frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    for (const id of ${JSON.stringify(watchNodeIds)}) {
      probe.mutations[id] = 0;
      const node = document.querySelector('[data-testid="node-' + id + '"]');
      new MutationObserver((records) => {
        probe.mutations[id] += records.length;
      }).observe(node, { subtree: true, childList: true, characterData: true, attributes: true });
    }
  })()`);
}

/** What the probe recorded so far; the first frame (from install to first callback) is dropped. */
export async function readFrameProbe(page: Page): Promise<FrameProbe> {
  const probe = await page.evaluate(() => (window as unknown as { probe: FrameProbe }).probe);
  return { ...probe, frames: probe.frames.slice(1) };
}

/** Longest frame, frames over 50 ms and the 99th percentile frame gap, in ms. */
export function frameFigures(frames: number[]): { max: number; over50: number; p99: number } {
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    max: sorted.at(-1) ?? 0,
    over50: sorted.filter((f) => f > 50).length,
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0,
  };
}
