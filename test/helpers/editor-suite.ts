import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium';
import { startWebApp, type WebApp } from './web-app';

/**
 * The app in web mode and a Chromium for the tests of one describe block: started before them,
 * closed after. Read `app` and `browser` inside the tests. `options` go to `startWebApp`, e.g.
 * `{ redisUrl: inject('redisUrl') }` for real runs.
 */
export function useEditorSuite(options: Parameters<typeof startWebApp>[0] = {}): {
  readonly app: WebApp;
  readonly browser: Browser;
} {
  const suite = {} as { app: WebApp; browser: Browser };
  beforeAll(async () => {
    suite.app = await startWebApp(options);
    suite.browser = await launchChromium();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.app?.close();
  });
  return suite;
}
