import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { smallestToMeet } from '../../../../shared/simulation/sweep';
import { createSimulationController } from '../../../../renderer/simulation/controller';
import { createInThreadWorker } from '../../../../renderer/simulation/in-thread-worker';
import type { WorkerLike } from '../../../../renderer/simulation/protocol';
import {
  DEFAULT_SETTINGS,
  SettingsError,
  type SimulateSettings,
} from '../../../../renderer/simulation/settings';
import { analysisStore, resetAnalysisStore } from '../../../../renderer/state/analysis-store';
import { liveStore } from '../../../../renderer/state/live-store';
import { resetSweepStore, sweepStore } from '../../../../renderer/state/sweep-store';
import { welcomeDoc } from '../actions/fixtures';

const state = () => analysisStore.getState();
const settings = (patch: Partial<SimulateSettings> = {}): SimulateSettings => ({
  ...DEFAULT_SETTINGS,
  ...patch,
});

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The welcome pipeline with its sender's concurrency set. */
function withConcurrency(concurrency: number): PipelineDocument {
  const doc = welcomeDoc();
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency } } : n,
    ),
  };
}

/** A worker that takes messages and never answers (a stuck script). */
function silentWorker(log: string[]): WorkerLike {
  return {
    onmessage: null,
    onerror: null,
    postMessage: (request) => void log.push(request.type),
    terminate: () => void log.push('terminate'),
  };
}

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  resetAnalysisStore();
  resetSweepStore();
});

function controllerOver(create: () => WorkerLike, cancelTimeoutMs?: number) {
  const controller = createSimulationController(
    create,
    cancelTimeoutMs === undefined ? {} : { cancelTimeoutMs },
  );
  dispose = () => controller.dispose();
  return controller;
}

describe('simulation controller', () => {
  it('streams snapshots into the analysis and ends with the summary', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.start(welcomeDoc(), settings({ duration: '1m', interval: '1s' }));
    expect(controller.running).toBe(true);
    expect(state()).toMatchObject({ source: 'simulation', status: 'running' });
    expect(state().meta?.label).toBe('Simulation · 1m · seed 1');
    await until(() => state().status === 'done', 'the end of the simulation');
    expect(controller.running).toBe(false);
    expect(state().snapshots).toHaveLength(60);
    expect(state().snapshots.at(-1)?.t).toBe(60_000);
    expect(state().progress).toBe(1);
    const summary = state().summary!;
    expect(summary.mode).toBe('simulate');
    expect(summary.nodes.emails).toMatchObject({ kind: 'queue', verdict: 'stable' });
    // The canvas shows the last snapshot.
    expect(liveStore.getState().t).toBe(60_000);
    expect(liveStore.getState().nodes.sender).toMatchObject({ kind: 'worker', capacity: 10 });
  });

  it('reports a growing backlog for an overloaded worker, and a stable one once fixed', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.start(withConcurrency(2), settings({ duration: '5m' }));
    await until(() => state().status === 'done', 'the overloaded run');
    const overloaded = state().summary!.nodes.emails;
    expect(overloaded).toMatchObject({ kind: 'queue', verdict: 'growing' });
    expect(overloaded?.kind === 'queue' && overloaded.growingSinceMs).toBeGreaterThan(0);
    controller.start(withConcurrency(4), settings({ duration: '5m' }));
    await until(() => state().status === 'done', 'the fixed run');
    expect(state().summary!.nodes.emails).toMatchObject({ verdict: 'stable' });
  });

  it('cancels a long simulation between slices, keeping what it produced', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.start(welcomeDoc(), settings({ duration: '720h' }));
    await until(() => state().snapshots.length > 0, 'the first snapshots');
    controller.cancel();
    await until(() => state().status === 'cancelled', 'the cancel');
    expect(controller.running).toBe(false);
    expect(state().summary).toBeNull();
    expect(state().progress).toBeLessThan(0.5);
    expect(state().snapshots.length).toBeGreaterThan(0);
  });

  it('replaces a running simulation with a new one; the old one’s messages are ignored', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.start(welcomeDoc(), settings({ duration: '720h' }));
    const first = state().serial;
    await until(() => state().snapshots.length > 0, 'the first run’s snapshots');
    controller.start(welcomeDoc(), settings({ duration: '30s', interval: '1s', seed: '2' }));
    expect(state().serial).toBe(first + 1);
    await until(() => state().status === 'done', 'the second run');
    expect(state().summary?.seed).toBe(2);
    expect(state().snapshots).toHaveLength(30);
    // Nothing of the first run arrives late.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(state().snapshots).toHaveLength(30);
    expect(state().status).toBe('done');
  });

  it('reports a pipeline the simulator cannot run, with its problems', async () => {
    const controller = controllerOver(createInThreadWorker);
    const doc = welcomeDoc();
    const extra = { ...doc.nodes[1]!, id: 'extra', name: 'extra' };
    const broken = {
      ...doc,
      nodes: [...doc.nodes, extra],
      edges: [...doc.edges, { id: 'x', from: 'extra', to: 'sender' }],
    };
    controller.start(broken, settings({ duration: '1m' }));
    await until(() => state().status === 'error', 'the error');
    expect(state().error).toMatch(/cannot simulate this pipeline/);
    expect(state().error).toMatch(/consumes 2 queues/);
    expect(controller.running).toBe(false);
  });

  it('refuses bad settings before anything starts', () => {
    const controller = controllerOver(createInThreadWorker);
    expect(() => controller.start(welcomeDoc(), settings({ duration: 'soon' }))).toThrow(
      SettingsError,
    );
    expect(state().status).toBe('idle');
    expect(controller.running).toBe(false);
  });

  it('replaces a worker that does not answer a cancel', async () => {
    const log: string[] = [];
    let created = 0;
    const controller = controllerOver(() => {
      created++;
      return silentWorker(log);
    }, 50);
    controller.start(welcomeDoc(), settings());
    controller.cancel();
    expect(state().status).toBe('running');
    await until(() => state().status === 'cancelled', 'the timeout');
    expect(log).toEqual(['start', 'cancel', 'terminate']);
    controller.start(welcomeDoc(), settings());
    expect(created).toBe(2);
  });

  it('fails the run when the worker script dies', () => {
    let worker: WorkerLike | null = null;
    const controller = controllerOver(() => (worker = silentWorker([])));
    controller.start(welcomeDoc(), settings());
    worker!.onerror?.({ message: 'SyntaxError in simulation.worker.js' });
    expect(state().status).toBe('error');
    expect(state().error).toBe(
      'The simulation stopped unexpectedly: SyntaxError in simulation.worker.js',
    );
    expect(controller.running).toBe(false);
  });

  it('runs on this thread when the worker cannot start, asking it again there', async () => {
    // A worker whose script cannot load (as a file:// page may refuse it): an error, no answer.
    const unloadable = (): WorkerLike => {
      const worker: WorkerLike = {
        onmessage: null,
        onerror: null,
        postMessage: () =>
          void setTimeout(() => worker.onerror?.({ message: 'Failed to load' }), 0),
        terminate: () => undefined,
      };
      return worker;
    };
    const controller = createSimulationController(unloadable, { fallback: createInThreadWorker });
    dispose = () => controller.dispose();
    controller.start(welcomeDoc(), settings({ duration: '1m', interval: '1s' }));
    controller.sweep(
      welcomeDoc(),
      { kind: 'concurrency', workerId: 'sender' },
      [5, 10],
      { durationMs: 30_000 },
      500,
    );
    await until(() => state().status === 'done', 'the run on this thread');
    expect(state().snapshots).toHaveLength(60);
    await until(() => sweepStore.getState().status === 'done', 'the sweep on this thread');
    expect(sweepStore.getState().result?.points).toHaveLength(2);
  });

  it('sweeps concurrency off the caller and finds the smallest that meets the target', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.sweep(
      withConcurrency(2),
      { kind: 'concurrency', workerId: 'sender' },
      [1, 2, 3, 4, 5, 6],
      { durationMs: 120_000, replications: 3 },
      500,
    );
    expect(controller.sweeping).toBe(true);
    expect(sweepStore.getState()).toMatchObject({ status: 'running', targetP95WaitMs: 500 });
    await until(() => sweepStore.getState().status === 'done', 'the sweep', 60_000);
    const result = sweepStore.getState().result!;
    expect(result.points.map((p) => p.value)).toEqual([1, 2, 3, 4, 5, 6]);
    // 20 jobs/s × 1.02 attempts × 120 ms = 2.45 busy slots: 1 and 2 cannot keep up.
    expect(result.points[0]!.utilisation.mean).toBeGreaterThan(0.95);
    const answer = smallestToMeet(result, 500);
    expect(answer?.value).toBeGreaterThanOrEqual(3);
    expect(answer?.value).toBeLessThanOrEqual(5);
  });

  it('cancels a sweep, and reports a sweep over a parameter that does not exist', async () => {
    const controller = controllerOver(createInThreadWorker);
    controller.sweep(
      welcomeDoc(),
      { kind: 'concurrency', workerId: 'sender' },
      [5, 10, 20],
      { durationMs: 30 * 24 * 3_600_000, replications: 1 },
      500,
    );
    await until(() => sweepStore.getState().progress > 0, 'sweep progress');
    controller.cancelSweep();
    await until(() => sweepStore.getState().status === 'cancelled', 'the sweep cancel');
    controller.sweep(welcomeDoc(), { kind: 'replicas', workerId: 'nope' }, [1, 2], {}, 500);
    await until(() => sweepStore.getState().status === 'error', 'the sweep error');
    expect(sweepStore.getState().error).toBe('there is no worker with id "nope"');
  });
});
