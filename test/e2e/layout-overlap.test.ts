import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import {
  SCREENSHOT_DIR,
  newDocument,
  openEditor,
  startWebApp,
  type WebApp,
} from '../helpers/web-app';
import type { Browser } from 'playwright-core';

/**
 * Nothing drawn over the canvas hides a node or a label: after a simulation (so every node has its
 * badge and every edge its rate), on each example, at a laptop's and a small screen's size.
 */

interface Box {
  what: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Everything that must stay readable, in screen pixels, clipped to the canvas pane. */
const collect = (page: Page): Promise<{ nodes: Box[]; labels: Box[]; overlays: Box[] }> =>
  page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    const boxes = (selector: string, name: (e: Element) => string) =>
      [...document.querySelectorAll(selector)]
        .map((e) => {
          const r = e.getBoundingClientRect();
          return {
            what: name(e),
            left: Math.max(r.left, pane.left),
            top: Math.max(r.top, pane.top),
            right: Math.min(r.right, pane.right),
            bottom: Math.min(r.bottom, pane.bottom),
          };
        })
        .filter((b) => b.right > b.left && b.bottom > b.top);
    const nodeOf = (e: Element) => e.closest('.react-flow__node')?.getAttribute('data-id') ?? '?';
    return {
      nodes: boxes('.react-flow__node', (e) => `node ${e.getAttribute('data-id')}`),
      labels: [
        ...boxes('.live-badge', (e) => `badge of ${nodeOf(e)}`),
        ...boxes('.rho-badge', (e) => `ρ of ${nodeOf(e)}`),
        ...boxes('.waiting-children-badge', (e) => `waiting children of ${nodeOf(e)}`),
        ...boxes('.diag-badge', (e) => `diagnostic of ${nodeOf(e)}`),
        ...boxes(
          '.edge-label',
          (e) =>
            `label "${e.textContent}" of ${e.closest('.react-flow__edge')?.getAttribute('data-id')}`,
        ),
      ],
      overlays: [
        ...boxes('.react-flow__minimap', () => 'minimap'),
        ...boxes('.react-flow__controls', () => 'zoom controls'),
      ],
    };
  });

const meet = (a: Box, b: Box) =>
  a.left < b.right - 0.5 &&
  b.left < a.right - 0.5 &&
  a.top < b.bottom - 0.5 &&
  b.top < a.bottom - 0.5;

/** Every pair that overlaps: label on node, label on label, overlay on node or label. */
function overlaps({ nodes, labels, overlays }: Awaited<ReturnType<typeof collect>>): string[] {
  const found: string[] = [];
  for (const l of labels)
    for (const n of nodes) if (meet(l, n)) found.push(`${l.what} covers ${n.what}`);
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => meet(a, b) && found.push(`${a.what} covers ${b.what}`)),
  );
  for (const o of overlays)
    for (const x of [...nodes, ...labels]) if (meet(o, x)) found.push(`${o.what} covers ${x.what}`);
  return found;
}

/** How visible a button's tooltip (its ::after) is now. */
const tooltipOpacity = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e) => getComputedStyle(e, '::after').opacity);

const EXAMPLES = [
  'welcome-emails',
  'upload-processing',
  'api-sync',
  'nightly-report',
  'report-fanout',
];
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

describe('nothing covers a node or a label', () => {
  let app: WebApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const size of SIZES) {
    it(
      `on every example at ${size.width}×${size.height}, after a simulation`,
      { timeout: 240_000 },
      async () => {
        const { page, errors, context } = await openEditor(browser, app, size);
        const found: string[] = [];
        for (const example of EXAMPLES) {
          await newDocument(page, example);
          const serial = await page
            .getByTestId('analysis-status')
            .getAttribute('data-serial')
            .catch(() => null);
          await page.locator('[data-action="simulate"]').click();
          await expect
            .poll(() => page.getByTestId('analysis-status').getAttribute('data-serial'))
            .not.toBe(serial);
          await expect
            .poll(() => page.getByTestId('analysis-status').getAttribute('class'), {
              timeout: 30_000,
            })
            .toContain('analysis-status--done');
          // Let the canvas settle (the panel grows for the results, the view follows).
          await page.waitForTimeout(600);
          // The pointer is still on Simulate: its tooltip has gone quiet, hiding nothing.
          expect(await tooltipOpacity(page, '[data-action="simulate"]')).toBe('0');
          await page.screenshot({
            path: join(SCREENSHOT_DIR, `overlap-${example}-${size.width}x${size.height}.png`),
          });
          found.push(...overlaps(await collect(page)).map((o) => `${example}: ${o}`));
        }
        expect(found).toEqual([]);
        // Once the pointer leaves and comes back, the tooltip is there again.
        await page.mouse.move(5, 300);
        await page.locator('[data-action="simulate"]').hover();
        await expect.poll(() => tooltipOpacity(page, '[data-action="simulate"]')).toBe('1');
        expect(errors).toEqual([]);
        await context.close();
      },
    );
  }
});
