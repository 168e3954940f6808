import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type {
  MonitorInfo,
  MonitorSnapshot,
  RedisFigures,
  RedisStatus,
  RunInfo,
  RunLogEntry,
  RunResult,
  RunStatus,
} from '../../shared/api/contract';
import { IDLE_RUN_STATUS } from '../../shared/api/contract';
import type { PipelineDocument } from '../../shared/document';
import type { RunComparison } from '../runs/comparison';
import { ALL_LOG, EMPTY_LOG, appendLog, type LogFilter, type RunLog } from '../runs/run-log';
import type { RunErrorView } from '../runs/run-errors';
import type { NodeOverrides } from '../runs/live-overrides';

/** How the next run starts and stops; remembered for the session. */
export interface RunSettings {
  /** Stop by itself after this long; null runs until Stop. */
  durationMs: number | null;
  /** Leave the run's keys in Redis (to inspect them) instead of removing them. */
  keepKeys: boolean;
  /** On Stop, let the workers empty the queues first. */
  drain: boolean;
}

export type { NodeOverrides };

export interface MonitorState {
  phase: 'idle' | 'connecting' | 'watching';
  info: MonitorInfo | null;
  snapshot: MonitorSnapshot | null;
  error: RunErrorView | null;
}

export interface RunStoreState {
  status: RunStatus;
  redis: RedisStatus | null;
  /** The run being shown (from `run:start`). */
  info: RunInfo | null;
  /** The document as it was started: controls and names refer to it, not to later edits. */
  document: PipelineDocument | null;
  result: RunResult | null;
  comparison: RunComparison | null;
  comparisonError: string | null;
  /** Redis load at the last snapshot. */
  redisFigures: RedisFigures | null;
  log: RunLog;
  logFilter: LogFilter;
  settings: RunSettings;
  busy: 'starting' | 'stopping' | 'restarting' | null;
  /** The last refusal from the host, shown until dismissed or the next success. */
  error: RunErrorView | null;
  /** Per node: the last control the host refused, and why. */
  controlErrors: Readonly<Record<string, string>>;
  /**
   * Values changed by live controls, per node: shown on the canvas while the run is on and,
   * after it stops, until they are kept in the design or discarded.
   */
  overrides: Readonly<Record<string, NodeOverrides>>;
  monitor: MonitorState;
  /** The monitor dialog is open. */
  monitorDialog: boolean;
}

const IDLE_MONITOR: MonitorState = { phase: 'idle', info: null, snapshot: null, error: null };

export const initialRunState = (): RunStoreState => ({
  status: IDLE_RUN_STATUS,
  redis: null,
  info: null,
  document: null,
  result: null,
  comparison: null,
  comparisonError: null,
  redisFigures: null,
  log: EMPTY_LOG,
  logFilter: ALL_LOG,
  settings: { durationMs: null, keepKeys: false, drain: false },
  busy: null,
  error: null,
  controlErrors: {},
  overrides: {},
  monitor: IDLE_MONITOR,
  monitorDialog: false,
});

export const runStore = createStore<RunStoreState>()(initialRunState);

export function useRun<T>(selector: (state: RunStoreState) => T): T {
  return useStore(runStore, selector);
}

const set = (patch: Partial<RunStoreState>): void => runStore.setState(patch);

/** The run is on (or going on, or waiting for a restart): the controls apply. */
export const isRunActive = (s: Pick<RunStoreState, 'status'>): boolean =>
  ['starting', 'running', 'stopping', 'crashed'].includes(s.status.state);

export const isRunning = (s: Pick<RunStoreState, 'status'>): boolean =>
  s.status.state === 'running';

export const setRunStatus = (status: RunStatus): void => set({ status });
export const setRedisStatus = (redis: RedisStatus): void => set({ redis });
export const setRunBusy = (busy: RunStoreState['busy']): void => set({ busy });
export const setRunError = (error: RunErrorView | null): void => set({ error });
export const setRedisFigures = (redisFigures: RedisFigures | null): void => set({ redisFigures });

export function setRunSettings(patch: Partial<RunSettings>): void {
  set({ settings: { ...runStore.getState().settings, ...patch } });
}

/** A new run begins: forget the last one's log, result and comparison. */
export function beginRunState(document: PipelineDocument, info: RunInfo | null): void {
  set({
    info,
    document,
    result: null,
    comparison: null,
    comparisonError: null,
    redisFigures: null,
    log: EMPTY_LOG,
    error: null,
    controlErrors: {},
    overrides: {},
  });
}

export const setRunInfo = (info: RunInfo): void => set({ info });

export function setRunResult(result: RunResult): void {
  set({ result, controlErrors: {} });
}

export function setComparison(comparison: RunComparison | null, error: string | null = null): void {
  set({ comparison, comparisonError: error });
}

/** Log entries of the run being shown; entries of other runs are ignored. */
export function addLogEntries(entries: readonly RunLogEntry[]): void {
  const state = runStore.getState();
  const runId = state.info?.runId ?? state.status.runId;
  const ours = runId === null ? entries : entries.filter((e) => e.runId === runId);
  if (ours.length > 0) set({ log: appendLog(state.log, ours) });
}

export function setLogFilter(patch: Partial<LogFilter>): void {
  set({ logFilter: { ...runStore.getState().logFilter, ...patch } });
}

export function setControlError(nodeId: string, message: string | null): void {
  const next = { ...runStore.getState().controlErrors };
  if (message === null) delete next[nodeId];
  else next[nodeId] = message;
  set({ controlErrors: next });
}

export function setOverride(nodeId: string, patch: NodeOverrides): void {
  const overrides = runStore.getState().overrides;
  set({ overrides: { ...overrides, [nodeId]: { ...overrides[nodeId], ...patch } } });
}

/** The live overrides were kept in the design or discarded. */
export const clearOverrides = (): void => set({ overrides: {} });

export function setMonitor(patch: Partial<MonitorState>): void {
  set({ monitor: { ...runStore.getState().monitor, ...patch } });
}

export const resetMonitor = (): void => set({ monitor: IDLE_MONITOR });

export const setMonitorDialog = (open: boolean): void => set({ monitorDialog: open });
