/**
 * Main-thread time of one keystroke in the inspector while a 500-node, 700-edge pipeline is open:
 * typing a worker's mean service time applies each key live (document, undo history, canvas,
 * problems). Measured from a Chromium trace: every main-thread task from a keydown until the
 * next key. Target: under 16 ms. Run: npm run bench -- editor-keystroke
 */
import { median, mainThreadPerKey, ms, openTimed, percentile, startBench } from './editor-harness';
import { nodeOnCanvas } from '../helpers/web-app';

const bench = await startBench();
try {
  const { page } = bench;
  await openTimed(page, bench.bigPath, 500, 700);
  await page.waitForTimeout(800);
  for (const [label, zoomToNode] of [
    ['whole pipeline in view', false],
    ['zoomed in on the node', true],
  ] as const) {
    await nodeOnCanvas(page, 'l0-w1').click();
    if (zoomToNode) {
      await page.keyboard.press('Shift+2');
      await page.waitForTimeout(600);
    }
    const mean = page.getByTestId('inspector').getByLabel('Mean', { exact: true });
    await mean.fill('100');
    await mean.focus();
    const perKey = await mainThreadPerKey(page, async () => {
      for (const key of '1234567890') {
        await page.keyboard.press(key);
        await page.waitForTimeout(250);
      }
    });
    const shown = await nodeOnCanvas(page, 'l0-w1').locator('.pw-node__line').nth(1).textContent();
    console.log(
      `${label.padEnd(24)} ${perKey.length} keys: median ${ms(median(perKey))}, p95 ${ms(percentile(perKey, 95))}, ` +
        `max ${ms(Math.max(...perKey))} (node now shows “${shown}”)`,
    );
    console.log(`  target median < 16 ms: ${median(perKey) < 16 ? 'met' : 'NOT met'}`);
  }
} finally {
  await bench.close();
}
