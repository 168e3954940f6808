import type { HostApi } from '../api';
import type { MonitorInfo, MonitorSnapshot, MonitorTarget } from '../../shared/api/contract';
import type { PipelineDocument } from '../../shared/document';
import { documentStore } from '../state/document-store';
import { setCalibration } from '../state/calibration-store';
import { resetMonitor, runStore, setMonitor } from '../state/run-store';
import { analysisFeed } from './analysis-feed';
import { frameBatch } from './frame-batch';
import { monitorToRunSnapshot } from './monitor-map';
import { runErrorView } from './run-errors';
import { host } from '../api/host';

const snapshots = frameBatch<MonitorSnapshot>((items) => {
  const { monitor } = runStore.getState();
  const last = items.at(-1);
  if (monitor.phase !== 'watching' || !last) return;
  setMonitor({ snapshot: last });
  setCalibration({ drift: last.drift ?? [] });
  // Mapped on arrival against the document shown now, so "Show as pipeline" takes effect at once.
  const doc = documentStore.getState().document;
  analysisFeed.append(items.map((s) => monitorToRunSnapshot(doc, s)));
});

export function connectMonitor(api: HostApi): () => void {
  const stop = api.on('monitor:snapshot', (snapshot) => snapshots.push(snapshot));
  return () => {
    stop();
    snapshots.clear();
  };
}

/** Lists the BullMQ queues under a prefix without watching them. */
export async function discoverMonitor(target: MonitorTarget): Promise<MonitorInfo | null> {
  setMonitor({ error: null, phase: runStore.getState().monitor.phase });
  try {
    const info = await host()['monitor:discover'](target);
    setMonitor({ info });
    return info;
  } catch (error) {
    setMonitor({ error: runErrorView('Could not look into that Redis', error) });
    return null;
  }
}

/** Watches the queues under a prefix, read-only, with the views a run uses. */
export async function startMonitor(target: MonitorTarget): Promise<boolean> {
  setMonitor({ phase: 'connecting', error: null, snapshot: null });
  try {
    const info = await host()['monitor:start'](target);
    setMonitor({ phase: 'watching', info });
    analysisFeed.begin('monitor', {
      label: `Monitor · ${info.prefix} at ${info.url}`,
      document: documentStore.getState().document,
      durationMs: null,
    });
    return true;
  } catch (error) {
    setMonitor({ phase: 'idle', error: runErrorView('Could not start monitoring', error) });
    return false;
  }
}

export async function stopMonitor(): Promise<void> {
  if (runStore.getState().monitor.phase === 'idle') return;
  snapshots.clear();
  try {
    await host()['monitor:stop']({});
  } catch {
    // The host forgets the watch when it goes; nothing to undo here.
  }
  const info = runStore.getState().monitor.info;
  resetMonitor();
  setMonitor({ info });
  // A watch has no result: badges, charts and Results go back to empty rather than keep figures
  // that no longer update (or call the watch a cancelled run).
  analysisFeed.clear();
}

/** The watch goes on over another document (e.g. the one drawn from the discovered queues). */
export function watchOn(document: PipelineDocument): void {
  const { monitor } = runStore.getState();
  if (monitor.phase !== 'watching' || !monitor.info) return;
  analysisFeed.begin('monitor', {
    label: `Monitor · ${monitor.info.prefix} at ${monitor.info.url}`,
    document,
    durationMs: null,
  });
}
