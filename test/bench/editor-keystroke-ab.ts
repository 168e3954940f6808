/**
 * The keystroke bench's measure on two renderer builds, alternated round by round, so a change
 * can be judged on a shared, noisy machine (both see the same load). Build each variant with
 * `PW_OUT=/tmp/a PW_MINIFY=1 npx vite build --config test/bench/editor-profile.vite.config.ts`.
 * Run: npx tsx test/bench/editor-keystroke-ab.ts /tmp/a /tmp/b [rounds]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHostServices } from '../../main/services/host-services';
import { startWebServer } from '../../main/web/server';
import { serializeDocument } from '../../shared/document';
import { launchChromium } from '../helpers/chromium';
import { EXAMPLES_DIR } from '../helpers/web-app';
import {
  bigPipeline,
  focusServiceMean,
  mainThreadCostPerKey,
  median,
  ms,
  openTimed,
} from './editor-harness';

const [dirA, dirB, roundsArg] = process.argv.slice(2);
if (!dirA || !dirB)
  throw new Error('Usage: editor-keystroke-ab.ts <renderer dir A> <renderer dir B>');
const rounds = Number(roundsArg ?? 3);
const userDataDir = await mkdtemp(join(tmpdir(), 'pipewright-ab-'));
const services = createHostServices({
  userDataDir,
  examplesDir: EXAMPLES_DIR,
  host: 'web',
  warn: () => {},
});
const servers = await Promise.all(
  [dirA, dirB].map((rendererDir) => startWebServer({ port: 0, services, rendererDir })),
);
const bigPath = join(userDataDir, 'big.pipewright.json');
await writeFile(bigPath, serializeDocument(bigPipeline()));
const browser = await launchChromium();
const results: Record<string, number[]> = {};
try {
  for (let round = 0; round < rounds; round++) {
    for (const [v, server] of servers.entries()) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByTestId('statusbar').waitFor();
      await openTimed(page, bigPath, 500, 700);
      await page.waitForTimeout(800);
      for (const zoomed of [false, true]) {
        await focusServiceMean(page, zoomed);
        const perKey = await mainThreadCostPerKey(page, async () => {
          for (const key of '1234567890') {
            await page.keyboard.press(key);
            await page.waitForTimeout(250);
          }
        });
        const label = `${v === 0 ? 'A' : 'B'} ${zoomed ? 'zoomed' : 'whole '}`;
        (results[`${label} total`] ??= []).push(median(perKey.map((k) => k.total)));
        (results[`${label} CPU  `] ??= []).push(median(perKey.map((k) => k.cpu)));
      }
      await context.close();
    }
  }
  for (const [label, medians] of Object.entries(results).sort()) {
    console.log(
      `${label}: per-round medians ${medians.map(ms).join(', ')}; median ${ms(median(medians))}`,
    );
  }
} finally {
  await browser.close();
  for (const server of servers) await server.close();
  await services.close();
  await rm(userDataDir, { recursive: true, force: true });
}
