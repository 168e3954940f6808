import type { Action } from './types';

/** Opens the monitor: watch the BullMQ queues of an existing Redis, read-only. */
export const runMonitorAction: Action = {
  id: 'run-monitor',
  label: 'Monitor a Redis…',
  group: 'view',
  inQuickAdd: true,
  perform: () => ({ effects: [{ type: 'run', command: 'monitor' }] }),
};
