import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { launchChromium } from './chromium';
import { SCREENSHOT_DIR, startWebApp, type WebApp } from './web-app';

/** What the simulation e2e tests share: the status line, starting and awaiting a simulation. */

export const status = (page: Page) => page.getByTestId('analysis-status');

/** Starts a simulation and waits until it runs, saying what the page shows if it does not. */
export async function simulateStarted(page: Page, start: () => Promise<void>, errors: string[]) {
  await start();
  try {
    await status(page).waitFor({ timeout: 15_000 });
    await expect.poll(() => status(page).getAttribute('class')).toContain('running');
  } catch (error) {
    const shown = (await status(page).count()) > 0 ? await status(page).textContent() : 'nothing';
    throw new Error(
      `the simulation did not start; status: ${shown}; errors: ${errors.join(' | ')}`,
      {
        cause: error,
      },
    );
  }
}

/** Sets the selected worker's concurrency in the inspector, as a person types it. */
export async function setConcurrency(page: Page, value: number): Promise<Locator> {
  const field = page.getByTestId('inspector').getByLabel('Concurrency');
  await field.fill(String(value));
  return field;
}

/** How many pixels of a chart's canvas are drawn on (not transparent). */
export const drawnPixels = (chart: Locator) =>
  chart.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

/**
 * A Chromium for a describe block and a fresh web-mode host per test (no recovery offer left
 * over from the test before). Read `app` and `browser` inside the tests.
 */
export function useSimulationSuite(): { readonly app: WebApp; readonly browser: Browser } {
  const suite = {} as { app: WebApp; browser: Browser };
  beforeAll(async () => {
    suite.browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  beforeEach(async () => {
    suite.app = await startWebApp();
  });
  afterEach(async () => {
    await suite.app?.close();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}
