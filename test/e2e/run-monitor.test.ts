import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { deleteKeysByPrefix } from '../../main/redis/keys';
import { useEditorSuite } from '../helpers/editor-suite';
import { screenshotter, newDocument, nodeOnCanvas, openEditor } from '../helpers/web-app';

const redisUrl = inject('redisUrl');
const shot = screenshotter('run-');
const depth = async (page: Page, id: string) =>
  Number(
    (await nodeOnCanvas(page, id).getByTestId('badge-depth').textContent())?.replace(/,/g, ''),
  );

describe('monitoring an existing Redis in web mode', () => {
  const suite = useEditorSuite({ redisUrl });

  it('finds the BullMQ queues under a prefix and shows their live counts on the canvas', async () => {
    // A "deployment" Pipewright does not own: plain BullMQ under its own prefix.
    const prefix = `pwe2e${Date.now().toString(36)}`;
    const client = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const emails = new Queue('emails', { connection: client, prefix });
    // Made later: a Queue writes its meta key as it connects, which discovery finds.
    let invoices: Queue | null = null;
    let worker: Worker | null = null;
    try {
      await emails.addBulk(Array.from({ length: 30 }, (_, i) => ({ name: 'send', data: { i } })));

      const { page, errors, context } = await openEditor(suite.browser, suite.app);
      await newDocument(page, 'welcome-emails');
      // A finished run first: watching replaces it, its banner does not stack with the watch's.
      await page.getByTestId('run-start').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Running' }).waitFor();
      await nodeOnCanvas(page, 'signup').getByTestId('live-badge').waitFor();
      await page.getByTestId('run-stop').click();
      await page.getByTestId('run-banner').filter({ hasText: 'Run finished' }).waitFor();

      await page.getByTestId('monitor-open').click();
      const dialog = page.getByTestId('monitor-dialog');
      await dialog.getByTestId('monitor-url').fill('http://not-redis');
      expect(await dialog.getByTestId('monitor-discover').isDisabled()).toBe(true);
      await dialog.getByText('Must be a redis:// or rediss:// URL').waitFor();
      await dialog.getByTestId('monitor-url').fill(redisUrl);
      await dialog.getByTestId('monitor-prefix').fill(prefix);
      await dialog.getByTestId('monitor-discover').click();
      await expect
        .poll(() => dialog.getByTestId('monitor-found').textContent())
        .toContain(`1 queue under “${prefix}”`);
      invoices = new Queue('invoices', { connection: client, prefix });
      await invoices.add('bill', {});
      await dialog.getByTestId('monitor-discover').click();
      await expect
        .poll(() => dialog.getByTestId('monitor-found').textContent())
        .toContain(`2 queues under “${prefix}”`);
      await dialog.getByTestId('monitor-queue-invoices').waitFor();

      // Watch: the table and the canvas's "emails" queue show the 30 waiting jobs.
      await dialog.getByTestId('monitor-watch').click();
      await expect
        .poll(() => dialog.getByTestId('monitor-queue-emails').locator('td').first().textContent())
        .toBe('30');
      await shot(page, 'monitor-dialog');
      await page.keyboard.press('Escape');
      await page.getByTestId('monitor-banner').waitFor();
      expect(await page.getByTestId('monitor-banner').textContent()).toContain(
        `Monitoring 2 queues under “${prefix}”`,
      );
      expect(await page.getByTestId('run-banner').count()).toBe(0);
      await expect.poll(() => depth(page, 'emails')).toBe(30);

      // The queue's jobs, read-only: data and attempts, and no retry or remove.
      await nodeOnCanvas(page, 'emails').click();
      const jobs = page.getByTestId('inspector').getByTestId('job-browser');
      await expect
        .poll(() => jobs.getByTestId('jobs-state-waiting').textContent())
        .toBe('waiting 30');
      expect(await jobs.getByTestId('job-row').count()).toBe(20);
      expect(await jobs.textContent()).toContain(
        'Read-only: Pipewright never changes a Redis it monitors.',
      );
      await jobs.getByTestId('job-row').first().click();
      expect(await jobs.getByTestId('job-data').textContent()).toBe('{"i":29}');
      expect(await jobs.getByTestId('job-retry').count()).toBe(0);
      expect(await jobs.getByTestId('job-remove').count()).toBe(0);
      await shot(page, 'monitor-jobs');

      // A worker of that deployment empties the queue: the figures follow, read-only.
      worker = new Worker('emails', async () => null, { connection: { url: redisUrl }, prefix });
      await expect.poll(() => depth(page, 'emails'), { timeout: 10_000 }).toBe(0);
      await expect
        .poll(() => nodeOnCanvas(page, 'email-sender').getByTestId('live-badge').count())
        .toBe(1);
      await shot(page, 'monitor-canvas');

      // Queues the open pipeline does not have: draw them as a pipeline of their own.
      await page.getByTestId('monitor-open').click();
      await dialog.getByTestId('monitor-as-pipeline').click();
      await nodeOnCanvas(page, 'invoices').waitFor();
      await expect.poll(() => depth(page, 'invoices')).toBe(1);
      await expect.poll(() => depth(page, 'emails')).toBe(0);
      await shot(page, 'monitor-pipeline');

      await page
        .getByTestId('monitor-banner')
        .getByRole('button', { name: 'Stop watching' })
        .click();
      await page.getByTestId('monitor-banner').waitFor({ state: 'detached' });
      // Nothing of the watch is left behind: no badges, no "cancelled run", no banner.
      await expect.poll(() => page.getByTestId('live-badge').count()).toBe(0);
      expect(await page.getByTestId('run-banner').count()).toBe(0);
      await page.getByTestId('tab-results').click();
      const results = await page.getByTestId('results').textContent();
      expect(results).not.toMatch(/cancelled/);
      expect(results).toMatch(/Press Simulate \(F5\)/);
      await shot(page, 'monitor-stopped');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await worker?.close();
      await emails.close();
      await invoices?.close();
      await deleteKeysByPrefix(client, prefix);
      client.disconnect();
    }
  });
});
