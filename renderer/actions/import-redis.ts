import { setImportDialog } from '../state/calibration-store';
import type { Action } from './types';

/** Opens the import: read a running BullMQ deployment into a measured pipeline (read-only). */
export const importRedisAction: Action = {
  id: 'import-redis',
  label: 'Import from Redis…',
  group: 'file',
  inQuickAdd: true,
  perform() {
    setImportDialog(true);
    return {};
  },
};
