import type { PipelineDocument } from '../../shared/document';
import type { SweepParameter } from '../../shared/simulation/sweep';
import type { AutoscaleGrid, AutoscaleTarget } from '../../shared/simulation/autoscale-sweep';
import {
  analysisStore,
  appendSnapshots,
  beginAnalysis,
  cancelAnalysis,
  failAnalysis,
  finishAnalysis,
  setAnalysisProgress,
} from '../state/analysis-store';
import { beginSweep, endSweep, finishSweep, setSweepProgress } from '../state/sweep-store';
import { setSimulatedJobs, SIMULATED_JOBS_PER_STATE } from '../state/simulated-jobs-store';
import {
  beginPolicySearch,
  endPolicySearch,
  finishPolicySearch,
  setPolicySearchProgress,
} from '../state/policy-search-store';
import type { SweepRunOptions, WorkerLike, WorkerMessage, WorkerRequest } from './protocol';
import { resolveSettings, type SimulateSettings } from './settings';

/**
 * Starts and cancels simulations and sweeps in a Web Worker and feeds what comes back into the
 * analysis store. The UI thread only receives batches of snapshots, so it never freezes.
 */
export interface SimulationController {
  /** Starts a simulation of `doc` (cancelling one that runs); throws a SettingsError for bad settings. */
  start(doc: PipelineDocument, settings: SimulateSettings): void;
  cancel(): void;
  readonly running: boolean;
  sweep(
    doc: PipelineDocument,
    parameter: SweepParameter,
    values: number[],
    options: SweepRunOptions,
    targetP95WaitMs: number,
  ): void;
  cancelSweep(): void;
  readonly sweeping: boolean;
  /** Searches a worker's cheapest autoscale policy (cancelling a search that runs). */
  findPolicy(
    doc: PipelineDocument,
    workerId: string,
    target: AutoscaleTarget,
    grid: AutoscaleGrid,
    options: SweepRunOptions,
  ): void;
  cancelFindPolicy(): void;
  /** Stops the worker (tests, page unload). */
  dispose(): void;
}

export interface ControllerOptions {
  /** A cancel not answered within this long ends the worker and starts a fresh one. */
  cancelTimeoutMs?: number;
  /**
   * Where to run when the worker cannot start at all (its script fails to load, e.g. a file://
   * page that may not start workers): what it was asked is asked again there.
   */
  fallback?: () => WorkerLike;
}

export function createSimulationController(
  createWorker: () => WorkerLike,
  { cancelTimeoutMs = 3000, fallback }: ControllerOptions = {},
): SimulationController {
  let worker: WorkerLike | null = null;
  let factory = createWorker;
  /** The current worker has answered at least once (so it did start). */
  let heard = false;
  /** The requests the current run and sweep were started with, to ask again elsewhere. */
  let pendingStart: WorkerRequest | null = null;
  let pendingSweep: WorkerRequest | null = null;
  let pendingSearch: WorkerRequest | null = null;
  /** The run whose messages count (the analysis serial), and the sweep's. */
  let runId: number | null = null;
  let sweepId: number | null = null;
  let searchId: number | null = null;
  let nextSweepId = 1;
  let cancelTimer: ReturnType<typeof setTimeout> | null = null;

  const clearCancelTimer = () => {
    if (cancelTimer !== null) clearTimeout(cancelTimer);
    cancelTimer = null;
  };

  const onMessage = (message: WorkerMessage) => {
    switch (message.type) {
      case 'snapshots':
        if (message.runId === runId) appendSnapshots(message.snapshots);
        return;
      case 'progress':
        if (message.runId === runId) setAnalysisProgress(message.fraction);
        return;
      case 'done':
        if (message.runId !== runId) return;
        runId = null;
        clearCancelTimer();
        if (message.jobs) setSimulatedJobs(message.runId, message.jobs);
        finishAnalysis(message.summary);
        return;
      case 'cancelled':
        if (message.runId !== runId) return;
        runId = null;
        clearCancelTimer();
        cancelAnalysis();
        return;
      case 'error':
        if (message.runId !== runId) return;
        runId = null;
        clearCancelTimer();
        failAnalysis(message.message);
        return;
      case 'sweep-progress':
        if (message.runId === sweepId) setSweepProgress(message.fraction);
        return;
      case 'sweep-done':
        if (message.runId !== sweepId) return;
        sweepId = null;
        finishSweep(message.result);
        return;
      case 'sweep-cancelled':
        if (message.runId !== sweepId) return;
        sweepId = null;
        endSweep('cancelled');
        return;
      case 'sweep-error':
        if (message.runId !== sweepId) return;
        sweepId = null;
        endSweep('error', message.message);
        return;
      case 'autoscale-progress':
        if (message.runId === searchId) setPolicySearchProgress(message.fraction);
        return;
      case 'autoscale-done':
        if (message.runId !== searchId) return;
        searchId = null;
        finishPolicySearch(message.result);
        return;
      case 'autoscale-cancelled':
      case 'autoscale-error':
        if (message.runId !== searchId) return;
        searchId = null;
        if (message.type === 'autoscale-error') endPolicySearch('error', message.message);
        else endPolicySearch('cancelled');
        return;
    }
  };

  const ensureWorker = (): WorkerLike => {
    if (worker) return worker;
    const created = factory();
    heard = false;
    created.onmessage = (event) => {
      if (worker !== created) return; // a worker already replaced
      heard = true;
      onMessage(event.data);
    };
    created.onerror = (event) => {
      if (worker !== created) return;
      dropWorker();
      if (!heard && fallback && factory !== fallback) {
        // It never started: run here instead, from the start.
        factory = fallback;
        const next = ensureWorker();
        if (runId !== null && pendingStart) next.postMessage(pendingStart);
        if (sweepId !== null && pendingSweep) next.postMessage(pendingSweep);
        if (searchId !== null && pendingSearch) next.postMessage(pendingSearch);
        return;
      }
      // The worker script failed: whatever ran in it is lost.
      const reason = event.message ? `: ${event.message}` : '';
      if (runId !== null) {
        runId = null;
        failAnalysis(`The simulation stopped unexpectedly${reason}`);
      }
      if (sweepId !== null) {
        sweepId = null;
        endSweep('error', `The sweep stopped unexpectedly${reason}`);
      }
      if (searchId !== null) {
        searchId = null;
        endPolicySearch('error', `The search stopped unexpectedly${reason}`);
      }
    };
    worker = created;
    return created;
  };

  const dropWorker = () => {
    worker?.terminate();
    worker = null;
  };

  const controller: SimulationController = {
    start(doc, settings) {
      const resolved = resolveSettings(settings, doc);
      if (runId !== null) controller.cancel();
      clearCancelTimer();
      const id = beginAnalysis('simulation', {
        label: resolved.label,
        document: doc,
        expectedDurationMs: resolved.expectedDurationMs,
        warmupMs: resolved.warmupMs,
      });
      runId = id;
      // The job trace the queues' job browsers show once it is done.
      const options = { ...resolved.options, jobTrace: SIMULATED_JOBS_PER_STATE };
      pendingStart = { type: 'start', runId: id, document: doc, options };
      ensureWorker().postMessage(pendingStart);
    },

    cancel() {
      const id = runId;
      if (id === null || !worker) return;
      worker.postMessage({ type: 'cancel', runId: id });
      clearCancelTimer();
      cancelTimer = setTimeout(() => {
        // No answer: the worker is stuck. Replace it; a sweep in it is lost too.
        cancelTimer = null;
        if (runId !== id) return;
        runId = null;
        dropWorker();
        cancelAnalysis();
        if (sweepId !== null) {
          sweepId = null;
          endSweep('cancelled');
        }
        if (searchId !== null) {
          searchId = null;
          endPolicySearch('cancelled');
        }
      }, cancelTimeoutMs);
    },

    get running() {
      return runId !== null;
    },

    sweep(doc, parameter, values, options, targetP95WaitMs) {
      if (sweepId !== null) controller.cancelSweep();
      const id = nextSweepId++;
      sweepId = id;
      beginSweep(parameter, targetP95WaitMs);
      pendingSweep = { type: 'sweep', runId: id, document: doc, parameter, values, options };
      ensureWorker().postMessage(pendingSweep);
    },

    cancelSweep() {
      if (sweepId === null || !worker) return;
      worker.postMessage({ type: 'cancel-sweep', runId: sweepId });
    },

    get sweeping() {
      return sweepId !== null;
    },

    findPolicy(doc, workerId, target, grid, options) {
      if (searchId !== null) controller.cancelFindPolicy();
      const id = nextSweepId++;
      searchId = id;
      beginPolicySearch(workerId);
      pendingSearch = {
        type: 'autoscale-sweep',
        runId: id,
        document: doc,
        workerId,
        target,
        grid,
        options,
      };
      ensureWorker().postMessage(pendingSearch);
    },

    cancelFindPolicy() {
      if (searchId === null || !worker) return;
      worker.postMessage({ type: 'cancel-autoscale-sweep', runId: searchId });
    },

    dispose() {
      clearCancelTimer();
      if (runId !== null && analysisStore.getState().status === 'running') cancelAnalysis();
      runId = null;
      sweepId = null;
      searchId = null;
      dropWorker();
    },
  };
  return controller;
}
