/**
 * The Code panel on a 500-node, 700-edge pipeline: how long after an edit in the inspector the
 * code shows it (regenerated in a Web Worker after a 150 ms pause), and what a keystroke costs the
 * main thread with the panel closed and open (every task from a keydown until the next key).
 * Run: npm run bench -- code-panel
 */
import type { Page } from 'playwright-core';
import { mainThreadPerKey, median, ms, openTimed, percentile, startBench } from './editor-harness';
import { nodeOnCanvas } from '../helpers/web-app';

const codeShown = (page: Page) => page.getByTestId('code-viewer').locator('.cm-content');

/** ms from the input event of `value` in the field to the first frame whose code shows `expected`. */
async function editToCode(page: Page, value: string, expected: string): Promise<number> {
  const field = page.getByTestId('inspector').getByLabel('Concurrency');
  await page.evaluate(
    `document.addEventListener('input', () => { window.__t0 = performance.now(); }, { capture: true, once: true })`,
  );
  await field.fill(value);
  return page.evaluate(`new Promise((done) => {
    const check = () => {
      const text = document.querySelector('[data-testid=code-viewer] .cm-content')?.textContent ?? '';
      if (text.includes(${JSON.stringify(expected)})) done(performance.now() - window.__t0);
      else requestAnimationFrame(check);
    };
    check();
  })`);
}

const bench = await startBench();
try {
  const { page } = bench;
  await openTimed(page, bench.bigPath, 500, 700);
  await page.waitForTimeout(800);
  await nodeOnCanvas(page, 'l0-w1').click();

  const typing = async () => {
    const field = page.getByTestId('inspector').getByLabel('Concurrency');
    await field.fill('1');
    await field.focus();
    return mainThreadPerKey(page, async () => {
      for (const key of '234567890') {
        await page.keyboard.press('End');
        await page.keyboard.press('Backspace');
        await page.keyboard.press(key);
        await page.waitForTimeout(350);
      }
    });
  };
  const closed = await typing();

  const started = Date.now();
  await page.locator('[data-action="show-code"]').click();
  await codeShown(page).filter({ hasText: 'concurrency:' }).waitFor();
  const firstShown = Date.now() - started;
  const open = await typing();

  const latencies: number[] = [];
  for (let i = 0; i < 12; i++) {
    const value = String(20 + i);
    latencies.push(await editToCode(page, value, `concurrency: ${value},`));
  }

  const line = (label: string, xs: number[]) =>
    console.log(
      `${label.padEnd(34)} median ${ms(median(xs))}, p95 ${ms(percentile(xs, 95))}, max ${ms(Math.max(...xs))}`,
    );
  console.log(`Code panel opened, worker file shown: ${firstShown} ms (incl. worker start)`);
  line(
    'main thread per key, panel closed',
    closed.filter((_, i) => i % 3 === 2),
  );
  line(
    'main thread per key, panel open',
    open.filter((_, i) => i % 3 === 2),
  );
  line('edit → code shown (150 ms pause)', latencies);
} finally {
  await bench.close();
}
