import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import {
  SCREENSHOT_DIR,
  connectHandles,
  dragFromPalette,
  newDocument,
  nodeOnCanvas,
  openEditor,
  startWebApp,
} from '../helpers/web-app';

/** Screenshots of the editor in both themes, kept in test-results/screenshots/ for people to look at. */
describe('editor screenshots', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`captures the editor in the ${theme} theme`, async () => {
      // A fresh host each time: no recovery offer left over from another test.
      const app = await startWebApp();
      const { page, errors, context } = await openEditor(browser, app, { colorScheme: theme });
      const shot = (name: string) =>
        page.screenshot({ path: join(SCREENSHOT_DIR, `editor-${name}-${theme}.png`) });
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(theme === 'light' ? 'rgb(244, 245, 247)' : 'rgb(17, 19, 22)');
      await shot('empty');

      await page.locator('[data-action="new"]').click();
      await page.getByTestId('new-dialog').getByTestId('example-welcome-emails').waitFor();
      await shot('new');
      await page.getByTestId('new-dialog').getByTestId('example-welcome-emails').click();
      await nodeOnCanvas(page, 'email-sender').click();
      await page.getByTestId('distribution-preview').waitFor();
      await page.waitForTimeout(300); // let the fit-view animation settle
      await shot('welcome');

      await newDocument(page);
      await dragFromPalette(page, 'producer', 200, 220);
      await dragFromPalette(page, 'queue', 480, 220);
      await dragFromPalette(page, 'worker', 480, 420);
      await connectHandles(
        page,
        { node: 'producer-1', handle: 'out' },
        { node: 'queue-1', handle: 'in' },
      );
      await connectHandles(
        page,
        { node: 'producer-1', handle: 'out' },
        { node: 'worker-1', handle: 'in' },
      );
      await page.getByTestId('toast').waitFor();
      await shot('problems');

      await page.keyboard.press('Control+K');
      await page.getByTestId('quick-add').getByRole('combobox').fill('queue');
      await shot('quick-add');
      expect(errors).toEqual([]);
      await context.close();
      await app.close();
    });
  }
});
