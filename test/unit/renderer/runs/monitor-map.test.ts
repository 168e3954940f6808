import { describe, expect, it } from 'vitest';
import type { MonitorQueueFigures, MonitorSnapshot } from '../../../../shared/api/contract';
import { parseDocumentValue } from '../../../../shared/document';
import { emptyLatency } from '../../../../shared/metrics/types';
import { validateDocument } from '../../../../shared/validation';
import {
  matchMonitoredQueues,
  monitorDocument,
  monitorToRunSnapshot,
} from '../../../../renderer/runs/monitor-map';
import { welcomeDoc } from '../actions/fixtures';

const queue = (name: string, patch: Partial<MonitorQueueFigures> = {}): MonitorQueueFigures => ({
  kind: 'queue',
  name,
  waiting: 0,
  active: 0,
  delayed: 0,
  completed: 0,
  failed: 0,
  enqueued: 0,
  enqueuedPerSec: 0,
  paused: false,
  waitMs: emptyLatency(),
  throughputPerSec: 0,
  failedPerSec: 0,
  workers: 0,
  ...patch,
});

const snapshot: MonitorSnapshot = {
  t: 5000,
  prefix: 'bull',
  queues: {
    emails: queue('emails', {
      waiting: 40,
      active: 6,
      completed: 900,
      throughputPerSec: 25,
      workers: 2,
    }),
    invoices: queue('invoices', { waiting: 3 }),
  },
  redis: null,
};

describe('monitoring an existing Redis with the run views', () => {
  it('shows queues on the document nodes of the same BullMQ name', () => {
    const doc = welcomeDoc();
    expect([...matchMonitoredQueues(doc, ['emails', 'invoices'])]).toEqual([['emails', 'emails']]);
    const run = monitorToRunSnapshot(doc, snapshot);
    expect(run.t).toBe(5000);
    expect(run.nodes.emails).toMatchObject({
      kind: 'queue',
      waiting: 40,
      active: 6,
      completed: 900,
    });
    expect(Object.keys(run.nodes)).not.toContain('invoices');
  });

  it('gives the worker that alone consumes a watched queue its throughput and busy slots', () => {
    const run = monitorToRunSnapshot(welcomeDoc(), snapshot);
    const sender = run.nodes.sender;
    expect(sender).toMatchObject({
      kind: 'worker',
      throughputPerSec: 25,
      active: 6,
      completed: 900,
    });
    if (sender?.kind !== 'worker') throw new Error('no worker figures');
    expect(sender.utilisation).toBeCloseTo(6 / sender.capacity, 6);
  });

  it('draws a valid pipeline holding every discovered queue', () => {
    const doc = monitorDocument({
      url: 'redis://10.0.0.5:6379',
      prefix: 'bull',
      queues: ['emails', 'Emails', 'weird name/with:colon'],
    });
    const parsed = parseDocumentValue(doc);
    expect(parsed.ok).toBe(true);
    expect(doc.nodes.map((n) => n.name)).toEqual(['emails', 'Emails', 'weird name/with:colon']);
    expect(new Set(doc.nodes.map((n) => n.id)).size).toBe(3);
    expect(doc.settings).toEqual({ prefix: 'bull' });
    expect(doc.name).toBe('Monitor · bull');
    // Names of the real system's queues are shown as they are, even if BullMQ-unfriendly here.
    expect(
      validateDocument(doc).every((d) => d.severity !== 'error' || d.nodeId !== undefined),
    ).toBe(true);
    const run = monitorToRunSnapshot(doc, {
      ...snapshot,
      queues: { Emails: queue('Emails', { waiting: 9 }) },
    });
    expect(run.nodes[doc.nodes[1]!.id]).toMatchObject({ waiting: 9 });
  });
});
