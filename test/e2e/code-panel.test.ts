import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium';
import {
  SCREENSHOT_DIR,
  screenshotter,
  dragFromPalette,
  newDocument,
  clickNode,
  openEditor,
  startWebApp,
  type WebApp,
} from '../helpers/web-app';

const panel = (page: Page) => page.getByTestId('code-panel');
const viewer = (page: Page) => page.getByTestId('code-viewer');
/** The text of the file the viewer shows (CodeMirror draws the lines in view and around them). */
const shownCode = (page: Page) => viewer(page).locator('.cm-content').innerText();
const treeFile = (page: Page, path: string) =>
  panel(page).locator(`[role="treeitem"][data-path="${path}"]`);

/** The colour a highlighted token is drawn in, and the colour of plain text beside it. */
async function tokenColours(page: Page, token: string): Promise<{ token: string; text: string }> {
  return viewer(page)
    .locator('.cm-content')
    .evaluate((content, wanted) => {
      const span = [...content.querySelectorAll('span')].find((s) => s.textContent === wanted);
      return {
        token: span ? getComputedStyle(span).color : 'not found',
        text: getComputedStyle(content).color,
      };
    }, token);
}

describe('the Code panel', () => {
  let app: WebApp;
  let browser: Browser;
  let out: string;
  const shot = screenshotter('code-');

  beforeAll(async () => {
    app = await startWebApp();
    browser = await launchChromium();
    out = await mkdtemp(join(app.hostDir, 'code-e2e-'));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('follows the pipeline, shows the selected node’s code and exports it', async () => {
    const { page, errors, context } = await openEditor(browser, app);
    await newDocument(page, 'welcome-emails');

    // Open the panel from the toolbar: the project's files, README.md shown, highlighted.
    await page.locator('[data-action="show-code"]').click();
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    expect(await page.locator('[data-action="show-code"]').getAttribute('aria-pressed')).toBe(
      'true',
    );
    await expect.poll(() => viewer(page).getAttribute('data-path')).toBe('README.md');
    for (const path of [
      'src/workers/email-sender.ts',
      'src/handlers/email-sender.ts',
      'src/queues.ts',
      'docker-compose.yml',
      'Dockerfile',
    ]) {
      await treeFile(page, path).waitFor();
    }
    expect(await treeFile(page, 'src/handlers/email-sender.ts').getAttribute('title')).toContain(
      'your code',
    );
    await treeFile(page, 'src/main.ts').click();
    await expect.poll(() => shownCode(page)).toContain("from './connection'");
    const colours = await tokenColours(page, 'import');
    expect(colours.token).toMatch(/^rgb/);
    expect(colours.token).not.toBe(colours.text);
    await shot(page, 'panel');

    // Scrolled sideways in one file, another file opens at its left edge ("import {", not "mport {").
    await treeFile(page, 'README.md').click();
    await expect.poll(() => viewer(page).getAttribute('data-path')).toBe('README.md');
    const scroller = viewer(page).locator('.cm-scroller');
    await scroller.evaluate((e) => (e.scrollLeft = 400));
    expect(await scroller.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    await treeFile(page, 'src/main.ts').click();
    await expect.poll(() => viewer(page).getAttribute('data-path')).toBe('src/main.ts');
    expect(await scroller.evaluate((e) => e.scrollWidth - e.clientWidth)).toBeGreaterThan(50);
    expect(await scroller.evaluate((e) => e.scrollLeft)).toBe(0);

    // Select the worker on the canvas: its worker file opens, its files are marked in the tree.
    // (Beside the code panel the fitted pipeline may be small enough for the overview: click the
    // node where it is drawn, either way.)
    await page.locator('[data-action="fit-view"]').click();
    await page.waitForTimeout(400);
    await clickNode(page, 'email-sender');
    await expect
      .poll(() => viewer(page).getAttribute('data-path'))
      .toBe('src/workers/email-sender.ts');
    await expect.poll(() => shownCode(page)).toContain('concurrency: 10,');
    const related = await panel(page)
      .locator('[role="treeitem"][data-related]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-path')));
    expect(related.sort()).toEqual([
      'docker-compose.yml',
      'src/handlers/email-sender.ts',
      'src/workers/email-sender.ts',
    ]);
    expect(await viewer(page).locator('.cm-node-line').count()).toBeGreaterThan(0);
    await shot(page, 'worker');
    // At 1440 px the code has its room: the palette keeps its icons, the tree its names, the
    // code at least 60 columns, and the bottom panel's tabs one line.
    expect((await page.getByTestId('palette-worker').boundingBox())!.width).toBeLessThan(48);
    const name = treeFile(page, 'src/handlers/email-sender.ts').locator('.code-tree__name');
    expect(await name.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const columns = await viewer(page)
      .locator('.cm-scroller')
      .evaluate((e) => {
        const line = e.querySelector('.cm-line')!;
        const range = document.createRange();
        range.selectNodeContents(line);
        const char = range.getBoundingClientRect().width / line.textContent!.length;
        const gutter = e.querySelector('.cm-gutters')!.getBoundingClientRect().width;
        return (e.clientWidth - gutter) / char;
      });
    expect(columns).toBeGreaterThan(60);
    const tabs = await page
      .locator('.bottom-tab')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(Math.max(...tabs)).toBeLessThan(40);

    // Change its concurrency in the inspector: the code follows, the changed lines flash.
    await page.getByTestId('inspector').getByLabel('Concurrency').fill('25');
    await expect.poll(() => shownCode(page)).toContain('concurrency: 25,');
    expect(await shownCode(page)).not.toContain('concurrency: 10,');
    expect(await viewer(page).locator('.cm-changed-line').count()).toBeGreaterThan(0);
    await shot(page, 'worker-changed');

    // A queue lives in the shared queues file: it opens there, scrolled to the queue's lines.
    await clickNode(page, 'emails');
    await expect.poll(() => viewer(page).getAttribute('data-path')).toBe('src/queues.ts');
    await expect
      .poll(() => viewer(page).locator('.cm-node-line').first().textContent())
      .toContain('queue "emails"');

    // Export… into a folder on the host: every file written.
    const folder = join(out, 'welcome');
    await page.getByTestId('code-export').click();
    const dialog = page.getByTestId('export-code-dialog');
    await dialog.getByLabel('Folder').fill(folder);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const report = dialog.getByTestId('export-report');
    await expect
      .poll(() => report.locator('.export-report__summary').textContent())
      .toMatch(/20 written, 0 changed, 0 unchanged, 0 kept/);
    await shot(page, 'export-report');
    expect(await readFile(join(folder, 'src/workers/email-sender.ts'), 'utf8')).toContain(
      'concurrency: 25,',
    );
    const handlerPath = join(folder, 'src/handlers/email-sender.ts');
    const mine = `${await readFile(handlerPath, 'utf8')}\n// Send the email with our provider here.\n`;
    await writeFile(handlerPath, mine);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Change the pipeline again and export again (Ctrl+E): the handler is kept, the worker changes.
    await clickNode(page, 'email-sender');
    await page.getByTestId('inspector').getByLabel('Concurrency').fill('30');
    await expect.poll(() => shownCode(page)).toContain('concurrency: 30,');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+E');
    expect(await dialog.getByLabel('Folder').inputValue()).toBe(folder);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => report.locator('[data-status="kept"] .export-report__path').allTextContents())
      .toEqual(['src/handlers/email-sender.ts']);
    expect(
      await report.locator('[data-status="changed"] .export-report__path').allTextContents(),
    ).toEqual(expect.arrayContaining(['src/workers/email-sender.ts', 'docker-compose.yml']));
    await shot(page, 'export-kept');
    expect(await readFile(handlerPath, 'utf8')).toBe(mine);
    expect(await readFile(join(folder, 'src/workers/email-sender.ts'), 'utf8')).toContain(
      'concurrency: 30,',
    );

    // The .zip download: the same project, built in the browser.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByTestId('export-zip').click(),
    ]);
    expect(download.suggestedFilename()).toBe('welcome-emails.zip');
    const zip = unzipSync(new Uint8Array(await readFile(await download.path())));
    expect(Object.keys(zip)).toContain('welcome-emails/src/workers/email-sender.ts');
    expect(strFromU8(zip['welcome-emails/src/workers/email-sender.ts']!)).toContain(
      'concurrency: 30,',
    );
    await page.keyboard.press('Escape');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks before exporting into a folder of other files, and says what keeps a pipeline from code', async () => {
    const { page, errors, context } = await openEditor(browser, app, { colorScheme: 'dark' });
    await newDocument(page, 'upload-processing');
    await page.keyboard.press('Control+Alt+C');
    await panel(page).waitFor();
    await expect.poll(() => viewer(page).getAttribute('data-path')).toBe('README.md');
    await shot(page, 'panel-dark');

    const folder = join(out, 'crowded');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'notes.txt'), 'mine');
    await page.keyboard.press('Control+E');
    const dialog = page.getByTestId('export-code-dialog');
    await dialog.getByLabel('Folder').fill(folder);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toContain('holds other files and no earlier Pipewright export');
    await shot(page, 'export-crowded-dark');
    await dialog.getByRole('button', { name: 'Export into it anyway' }).click();
    await dialog.getByTestId('export-report').waitFor();
    expect(await readFile(join(folder, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(folder, 'package.json'), 'utf8')).toContain('"bullmq"');
    await page.keyboard.press('Escape');

    // A worker without a queue cannot become code: the panel says so, keeps the last project,
    // and a click on the problem selects the worker.
    await dragFromPalette(page, 'worker', 120, 120);
    const problems = panel(page).getByTestId('code-problems');
    await expect.poll(() => problems.textContent()).toContain('has no input queue');
    expect(await problems.textContent()).toContain('showing the code of its last version');
    expect(await treeFile(page, 'README.md').count()).toBe(1);
    await problems.getByRole('button').first().click();
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBe(1);
    await shot(page, 'problems-dark');

    expect(errors).toEqual([]);
    await context.close();
  });
});
