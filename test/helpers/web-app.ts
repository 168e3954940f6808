import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createHostServices, type HostServices } from '../../main/services/host-services';
import type { RefitOptions } from '../../main/services/runs/monitor';
import { startWebServer, type WebServer } from '../../main/web/server';

const root = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(root, 'out', 'renderer');
export const EXAMPLES_DIR = join(root, 'resources', 'examples');
export const SCREENSHOT_DIR = join(root, 'test-results', 'screenshots');

/** `shot(page, 'name')` saves `<prefix>name.png` among the suite's screenshots. */
export const screenshotter =
  (prefix: string) =>
  (page: Page, name: string): Promise<Buffer> =>
    page.screenshot({ path: join(SCREENSHOT_DIR, `${prefix}${name}.png`) });

/** Pipewright in web mode on a free port, with its own temporary user-data and host folders. */
export interface WebApp {
  url: string;
  origin: string;
  userDataDir: string;
  /** The folder the page may open, save and export in (`--host-dir`). */
  hostDir: string;
  services: HostServices;
  server: WebServer;
  close(): Promise<void>;
}

export async function startWebApp(
  options: {
    userDataDir?: string;
    /** The Redis real runs use (the settings' URL), e.g. the suite's `inject('redisUrl')`. */
    redisUrl?: string;
    /** Monitor mode's drift check, e.g. refits every second instead of every 15 s. */
    monitorRefit?: Partial<RefitOptions>;
  } = {},
): Promise<WebApp> {
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'pipewright-e2e-')));
  const hostDir = await mkdtemp(join(tmpdir(), 'pipewright-e2e-host-'));
  const warnings: string[] = [];
  const services = createHostServices({
    userDataDir,
    hostDir,
    examplesDir: EXAMPLES_DIR,
    host: 'web',
    warn: (m) => warnings.push(m),
    ...(options.monitorRefit ? { monitorRefit: options.monitorRefit } : {}),
  });
  if (options.redisUrl) await services.settings.update({ redisUrl: options.redisUrl });
  const server = await startWebServer({ port: 0, services, rendererDir: RENDERER_DIR });
  const origin = new URL(server.url).origin;
  return {
    url: server.url,
    origin,
    userDataDir,
    hostDir,
    services,
    server,
    async close() {
      await server.close();
      await services.close();
      if (!options.userDataDir) await rm(userDataDir, { recursive: true, force: true });
      await rm(hostDir, { recursive: true, force: true });
    },
  };
}

export interface EditorPage {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged; a test should end with none. */
  errors: string[];
}

/** Opens the editor in a fresh browser context, with clipboard access, and waits until it is ready. */
export async function openEditor(
  browser: Browser,
  app: WebApp,
  options: { colorScheme?: 'light' | 'dark'; width?: number; height?: number } = {},
): Promise<EditorPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  // Unsaved-changes prompts (New, Open over a dirty document) are accepted.
  page.on('dialog', (d) => void d.accept());
  await page.goto(app.url);
  await page.getByTestId('canvas').waitFor();
  await page.getByText(/^Web$/).waitFor();
  return { context, page, errors };
}

/** The canvas node with this document id. */
export const nodeOnCanvas = (page: Page, id: string) => page.getByTestId(`node-${id}`);

/**
 * Where a node is on screen, whether it is drawn as a node or, zoomed far out, on the overview
 * canvas: the centre of its box, from its flow position and React Flow's viewport transform.
 */
export async function nodeScreenCentre(page: Page, id: string): Promise<{ x: number; y: number }> {
  // A document just opened may not have drawn its nodes yet.
  // React Flow hides a node (inline `visibility: hidden`) until it is measured, then fits the
  // view: wait for both to settle (the same viewport and node transforms on consecutive animation
  // frames) before aiming. The node may stay hidden otherwise (the overview draws nodes itself).
  await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor({ state: 'attached' });
  await page.waitForFunction(
    `new Promise((resolve) => {
      const node = () => document.querySelector('.react-flow__node[data-id="${id}"]');
      const read = () => getComputedStyle(document.querySelector('.react-flow__viewport')).transform +
        node()?.style.transform;
      const first = read();
      requestAnimationFrame(() => requestAnimationFrame(() =>
        resolve(node()?.style.visibility !== 'hidden' && read() === first)));
    })`,
  );
  const at = await page.evaluate(`(() => {
    const node = document.querySelector('.react-flow__node[data-id="${id}"]');
    const pane = document.querySelector('.react-flow').getBoundingClientRect();
    const view = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform);
    const position = new DOMMatrix(node.style.transform);
    return { x: pane.left + view.e + position.e * view.a, y: pane.top + view.f + position.f * view.a, zoom: view.a };
  })()`);
  const { x, y, zoom } = at as { x: number; y: number; zoom: number };
  // Nominal node sizes (renderer/editing/node-size.ts): a point well inside any node's box.
  return { x: x + 60 * zoom, y: y + 30 * zoom };
}

/** Clicks a node where it is drawn (see nodeScreenCentre). */
export async function clickNode(page: Page, id: string): Promise<void> {
  const { x, y } = await nodeScreenCentre(page, id);
  await page.mouse.click(x, y);
}

/** Drags a node kind from the palette and drops it at (x, y) inside the canvas. */
export async function dragFromPalette(
  page: Page,
  kind: string,
  x: number,
  y: number,
): Promise<void> {
  await page.getByTestId(`palette-${kind}`).dragTo(page.locator('.react-flow__pane'), {
    targetPosition: { x, y },
  });
}

/** Draws a connection with the mouse, from one node's handle to another's, as a person does. */
export async function connectHandles(
  page: Page,
  from: { node: string; handle: 'out' | 'failed' },
  to: { node: string; handle: 'in' },
): Promise<void> {
  const source = nodeOnCanvas(page, from.node).locator(
    `.react-flow__handle[data-handleid="${from.handle}"]`,
  );
  const target = nodeOnCanvas(page, to.node).locator(
    `.react-flow__handle[data-handleid="${to.handle}"]`,
  );
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  if (!a || !b)
    throw new Error(`handle not visible: ${from.node}.${from.handle} or ${to.node}.${to.handle}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/** File > New, then a blank canvas or an example from the gallery. */
export async function newDocument(page: Page, exampleId?: string): Promise<void> {
  await page.locator('[data-action="new"]').click();
  const dialog = page.getByTestId('new-dialog');
  if (exampleId) await dialog.getByTestId(`example-${exampleId}`).click();
  else await dialog.getByRole('button', { name: /Blank pipeline/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Opens an example and starts a real run of it; resolves once the banner says it runs. */
export async function runExample(page: Page, exampleId: string): Promise<void> {
  await newDocument(page, exampleId);
  await page.getByTestId('run-start').click();
  await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
}

/** The document as the editor holds it, read through the page's own export. */
export async function edgeCount(page: Page): Promise<number> {
  return page.locator('.react-flow__edge').count();
}

/** True when the element's box lies wholly inside the container's (e.g. a node inside the canvas view). */
export async function isInside(element: Locator, container: Locator): Promise<boolean> {
  await element.waitFor();
  const a = await element.boundingBox();
  const b = await container.boundingBox();
  if (!a || !b) return false;
  return (
    a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height
  );
}

/**
 * Starts a simulation (by default the toolbar's Simulate; or a key, a form) and waits for that
 * one, not an earlier one, to end.
 */
export async function simulateAndWait(
  page: Page,
  start: () => Promise<void> = () => page.locator('[data-action="simulate"]').click(),
): Promise<void> {
  const status = page.getByTestId('analysis-status');
  const serial = (await status.count()) > 0 ? await status.getAttribute('data-serial') : null;
  await start();
  await expect.poll(() => status.getAttribute('data-serial')).not.toBe(serial);
  await expect
    .poll(() => status.getAttribute('class'), { timeout: 30_000 })
    .toContain('analysis-status--done');
}
