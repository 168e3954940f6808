import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler } from '../../main/electron/app-origin';
import { contentSecurityPolicy } from '../../main/services/security-policy';
import { useEditorSuite } from '../helpers/editor-suite';
import { launchChromium } from '../helpers/chromium';
import { newDocument, openEditor, RENDERER_DIR, screenshotter } from '../helpers/web-app';

/**
 * The policies that keep the page in its place, seen from the page in real Chromium: the CSP
 * reaches it (web mode's header; the desktop app's app:// answers) and the real renderer works
 * under it with no violation, and the host refuses paths outside what the user chose.
 */

const shot = screenshotter('host-policy-');

/** Records every CSP violation the page reports, from before its first script runs. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI}`),
    );
  });
}
const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

/**
 * An inline script and an image from another site, which the policy must stop. (DevTools'
 * evaluation is exempt from the CSP, so eval cannot be tried from here.)
 */
async function tryInjection(page: Page) {
  return page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__pwned = 1';
    document.body.append(script);
    const image = document.createElement('img');
    const outcome = new Promise<string>((resolve) => {
      image.onload = () => resolve('loaded');
      image.onerror = () => resolve('blocked');
    });
    image.src = 'https://example.invalid/beacon.png';
    document.body.append(image);
    return {
      inline: (window as unknown as { __pwned?: number }).__pwned ?? null,
      image: await outcome,
    };
  });
}
const INJECTION_REFUSED = { inline: null, image: 'blocked' };
const INJECTION_VIOLATIONS = [
  'script-src-elem inline',
  'img-src https://example.invalid/beacon.png',
];

describe('web mode', () => {
  const suite = useEditorSuite();

  it('sends the strict CSP, and the real renderer simulates under it with no violation', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await recordViolations(page);
    const response = await page.goto(suite.app.url);
    const port = new URL(suite.app.url).port;
    expect(response!.headers()['content-security-policy']).toBe(
      contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] }),
    );
    await page.getByTestId('canvas').waitFor();
    await newDocument(page, 'welcome-emails');
    await page.locator('[data-action="simulate"]').click();
    await expect
      .poll(() => page.getByTestId('analysis-status').getAttribute('class'), { timeout: 30_000 })
      .toContain('analysis-status--done');
    expect(await violations(page)).toEqual([]);

    expect(await tryInjection(page)).toEqual(INJECTION_REFUSED);
    expect(await violations(page)).toEqual(INJECTION_VIOLATIONS);
    await context.close();
  });

  it('opens, saves and exports only in its host folder, and says where that is', async () => {
    const { page, errors, context } = await openEditor(suite.browser, suite.app);
    await newDocument(page, 'welcome-emails');
    const hostDir = suite.app.hostDir;

    // Open names the host folder; a path outside it is refused without a word of the file.
    await page.keyboard.press('Control+O');
    const open = page.getByTestId('open-dialog');
    expect(await open.getByTestId('host-folder-note').textContent()).toBe(
      `Web mode works in ${hostDir}. To use another folder, restart with pipewright serve --host-dir DIR.`,
    );
    await shot(page, 'open');
    await open.getByLabel('File on the host').fill('/etc/passwd');
    await open.getByLabel('File on the host').press('Enter');
    const refused = page.getByTestId('errors-dialog');
    await refused.waitFor();
    const text = (await refused.textContent()) ?? '';
    expect(text).toContain(`Pipewright only works inside ${hostDir}`);
    expect(text).not.toContain('root:');
    await shot(page, 'open-refused');
    await refused.getByRole('button', { name: 'OK' }).click();

    // Save As suggests a file in the host folder, and saves there.
    await page.keyboard.press('Control+Shift+S');
    const saveAs = page.getByTestId('save-as-dialog');
    const suggested = await saveAs.getByLabel('File on the host').inputValue();
    expect(suggested).toBe(join(hostDir, 'welcome-emails.pipewright.json'));
    await saveAs.getByLabel('File on the host').press('Enter');
    await saveAs.waitFor({ state: 'detached' });
    expect(existsSync(suggested)).toBe(true);

    // Export suggests a folder beside the document; a folder outside is refused, nothing written.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+E');
    const exportDialog = page.getByTestId('export-code-dialog');
    expect(await exportDialog.getByLabel('Folder').inputValue()).toBe(
      join(hostDir, 'welcome-emails'),
    );
    const outside = join(suite.app.userDataDir, '..', `pipewright-outside-${process.pid}`);
    await exportDialog.getByLabel('Folder').fill(outside);
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect
      .poll(() => exportDialog.locator('.export-failure').textContent())
      .toContain('in web mode Pipewright only works inside');
    expect(existsSync(outside)).toBe(false);
    await shot(page, 'export-refused');

    // A non-empty folder inside asks first; "Export into it anyway" is the user's confirmation.
    const busy = join(hostDir, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'notes.txt'), 'mine');
    await exportDialog.getByLabel('Folder').fill(busy);
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    await exportDialog.locator('.export-anyway').waitFor();
    expect(await readdir(busy)).toEqual(['notes.txt']);
    await exportDialog.locator('.export-anyway').click();
    await exportDialog.getByTestId('export-report').waitFor();
    expect(await readdir(busy)).toContain('package.json');
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    await context.close();
  });
});

describe('the desktop app’s app:// answers', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    // The real app:// handler over the built renderer, reached over loopback HTTP: Chromium sees
    // exactly the bytes and headers Electron would hand it.
    const handler = appProtocolHandler(RENDERER_DIR);
    server = createServer((req, res) => {
      const url = `app://pipewright${req.url ?? '/'}`;
      void handler(new Request(url, { method: req.method ?? 'GET' })).then(async (answer) => {
        res.writeHead(answer.status, Object.fromEntries(answer.headers));
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('carry the CSP to the built renderer, which loads all its parts under it', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      await recordViolations(page);
      const response = await page.goto(`${origin}/index.html`);
      expect(response!.headers()['content-security-policy']).toBe(contentSecurityPolicy());
      // Without Electron's bridge the page has no host; it still boots to its own shell.
      await page.locator('#root *').first().waitFor();
      await page.waitForLoadState('networkidle');
      // The only thing it may not do is what the desktop app never does: reach a web socket.
      const seen = (await violations(page)).filter((v) => !v.startsWith('connect-src ws:'));
      expect(seen).toEqual([]);
      expect(await tryInjection(page)).toEqual(INJECTION_REFUSED);
      const after = (await violations(page)).filter((v) => !v.startsWith('connect-src ws:'));
      expect(after).toEqual(INJECTION_VIOLATIONS);
    } finally {
      await browser.close();
    }
  });
});
