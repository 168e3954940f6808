import type { HostApi } from '../api';
import type {
  RunControl,
  RunLogEntry,
  RunSnapshotEvent,
  RunStatus,
} from '../../shared/api/contract';
import type { PipelineDocument } from '../../shared/document';
import { documentStore } from '../state/document-store';
import {
  addLogEntries,
  beginRunState,
  isRunActive,
  runStore,
  setComparison,
  setControlError,
  setOverride,
  setRedisFigures,
  setRedisStatus,
  setRunBusy,
  setRunError,
  setRunInfo,
  setRunResult,
  setRunStatus,
} from '../state/run-store';
import { analysisFeed } from './analysis-feed';
import { comparisonFromReport } from './comparison';
import { frameBatch } from './frame-batch';
import { connectMonitor, stopMonitor } from './monitor-controller';
import { runErrorView } from './run-errors';
import { host } from '../api/host';

const runLabel = (name: string) => `Real run · ${name}`;

/** The run whose events we show: known from `run:status` before `run:start` answers. */
const currentRunId = (): string | null =>
  runStore.getState().status.runId ?? runStore.getState().info?.runId ?? null;

const snapshots = frameBatch<RunSnapshotEvent>((events) => {
  const ours = events.filter((e) => e.runId === currentRunId());
  const last = ours.at(-1);
  if (!last) return;
  analysisFeed.append(ours.map((e) => e.snapshot));
  setRedisFigures(last.redis);
});

const logEntries = frameBatch<RunLogEntry>((entries) => addLogEntries(entries));

/** A run that stopped by itself (its duration ran out) gets its summary from the report. */
function onStatus(status: RunStatus): void {
  const previous = runStore.getState().status;
  setRunStatus(status);
  if (status.state === 'stopped' && previous.state !== 'stopped') {
    snapshots.flushNow();
    logEntries.flushNow();
    if (runStore.getState().busy !== 'stopping') void loadReport();
  }
  if (status.state === 'failed' && previous.state !== 'failed') analysisFeed.fail(status.message);
}

/** Subscribes to the host's run events and learns the current state. */
export function connectRuns(api: HostApi): () => void {
  const stops = [
    api.on('run:status', onStatus),
    api.on('run:snapshot', (event) => snapshots.push(event)),
    api.on('run:log', (entry) => logEntries.push(entry)),
    api.on('redis:status', setRedisStatus),
    connectMonitor(api),
  ];
  void api['run:current']({}).then(
    (status) => {
      // A run that was on before this page loaded (web mode reload): show it on this document.
      if (isRunActive({ status }) && runStore.getState().document === null) {
        beginRunState(documentStore.getState().document, null);
        analysisFeed.begin('run', {
          label: runLabel(status.documentName ?? 'pipeline'),
          document: documentStore.getState().document,
          durationMs: null,
        });
      }
      onStatus(status);
    },
    () => undefined,
  );
  void refreshRedisStatus();
  return () => {
    for (const stop of stops) stop();
    snapshots.clear();
    logEntries.clear();
  };
}

/** Asks the host to find (or start) Redis; the answer also arrives as a `redis:status` event. */
export async function refreshRedisStatus(): Promise<void> {
  try {
    setRedisStatus(await host()['redis:status']({}));
  } catch {
    // The status bar keeps its last state; a run attempt will say what is wrong.
  }
}

/** Starts a real run of the document in the editor. */
export async function startRun(
  document: PipelineDocument = documentStore.getState().document,
): Promise<boolean> {
  const state = runStore.getState();
  if (state.busy !== null || isRunActive(state)) return false;
  if (state.monitor.phase !== 'idle') await stopMonitor();
  const { durationMs, keepKeys } = state.settings;
  setRunBusy('starting');
  beginRunState(document, null);
  analysisFeed.begin('run', { label: runLabel(document.name), document, durationMs });
  try {
    const info = await host()['run:start']({
      document,
      ...(durationMs === null ? {} : { durationMs }),
      keepKeys,
    });
    setRunInfo(info);
    return true;
  } catch (error) {
    setRunError(runErrorView('The run could not start', error));
    analysisFeed.clear();
    return false;
  } finally {
    setRunBusy(null);
  }
}

/** Stops the run (draining first if the settings say so) and shows its summary and prediction. */
export async function stopRun(options: { drain?: boolean } = {}): Promise<boolean> {
  const state = runStore.getState();
  if (state.busy === 'stopping' || !isRunActive(state)) return false;
  setRunBusy('stopping');
  try {
    const result = await host()['run:stop']({
      drain: options.drain ?? state.settings.drain,
      keepKeys: state.settings.keepKeys,
    });
    snapshots.flushNow();
    logEntries.flushNow();
    setRunResult(result);
    analysisFeed.finish(result.summary);
    setRunBusy(null);
    await loadReport();
    return true;
  } catch (error) {
    setRunError(runErrorView('The run could not be stopped', error));
    return false;
  } finally {
    if (runStore.getState().busy === 'stopping') setRunBusy(null);
  }
}

/** After a runner crash: a new runner carries the run on. */
export async function restartRun(): Promise<void> {
  setRunBusy('restarting');
  try {
    setRunInfo(await host()['run:restart']({}));
    setRunError(null);
  } catch (error) {
    setRunError(runErrorView('The runner could not be restarted', error));
  } finally {
    setRunBusy(null);
  }
}

const controlTarget = (control: RunControl): string =>
  'queueId' in control
    ? control.queueId
    : 'producerId' in control
      ? control.producerId
      : control.workerId;

/** Steers the running pipeline; a refusal is shown beside the node's controls. */
export async function sendControl(control: RunControl): Promise<boolean> {
  const nodeId = controlTarget(control);
  try {
    await host()['run:control'](control);
    setControlError(nodeId, null);
    switch (control.type) {
      case 'rate':
        setOverride(nodeId, { ratePerSec: control.ratePerSec });
        break;
      case 'concurrency':
        setOverride(nodeId, { concurrency: control.concurrency });
        break;
      case 'failureRate':
        setOverride(nodeId, { failureRate: control.failureRate });
        break;
      case 'killReplica':
      case 'startReplica': {
        const node = runStore.getState().document?.nodes.find((n) => n.id === nodeId);
        const design = node?.kind === 'worker' ? node.config.replicas : 0;
        const alive = runStore.getState().overrides[nodeId]?.replicas ?? design;
        const next = control.type === 'killReplica' ? Math.max(0, alive - 1) : alive + 1;
        // Back at the design's count, the node shows no override.
        setOverride(nodeId, { replicas: next === design ? undefined : next });
        break;
      }
      default:
        break;
    }
    return true;
  } catch (error) {
    const view = runErrorView('Control refused', error);
    setControlError(nodeId, view.message);
    return false;
  }
}

/** The finished run's report, for its summary and the predicted-versus-measured table. */
export async function loadReport(): Promise<void> {
  try {
    const comparison = comparisonFromReport(await host()['run:lastReport']());
    setComparison(comparison);
    // A run that ended by itself (its duration) has no stop answer: the report tells the outcome.
    if (runStore.getState().result === null) {
      setRunResult({ runId: comparison.runId, summary: comparison.summary, ...comparison.outcome });
    }
    analysisFeed.finish(comparison.summary);
  } catch (error) {
    setComparison(null, runErrorView('No comparison', error).message);
  }
}

export function dismissRunError(): void {
  setRunError(null);
}
