import { afterEach, describe, expect, it } from 'vitest';
import { createSimulationController } from '../../../../renderer/simulation/controller';
import { createInThreadWorker } from '../../../../renderer/simulation/in-thread-worker';
import {
  policySearchStore,
  resetPolicySearchStore,
} from '../../../../renderer/state/policy-search-store';
import { spikeDocument } from '../../shared/simulation/documents';

/** "Find cheapest policy" through the controller and the worker's host (here on this thread). */

async function until(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let dispose: (() => void) | null = null;
afterEach(() => {
  dispose?.();
  dispose = null;
  resetPolicySearchStore();
});

const target = { measure: 'wait' as const, p95Ms: 500 };
const grid = { targetPerReplica: [0.5, 5], maxReplicas: [1, 2], minReplicas: [1, 2] };
const options = { durationMs: 120_000, replications: 2 };
const state = () => policySearchStore.getState();

describe('the cheapest-policy search in the simulation worker', () => {
  it('reports progress and ends with the policy that scales only for the spike', async () => {
    const controller = createSimulationController(createInThreadWorker);
    dispose = () => controller.dispose();
    controller.findPolicy(spikeDocument(), 'w', target, grid, options);
    expect(state()).toMatchObject({ status: 'running', workerId: 'w', progress: 0 });
    await until(() => state().status === 'done', 'the search');
    expect(state().progress).toBe(1);
    expect(state().result?.best?.policy).toMatchObject({
      targetPerReplica: 0.5,
      minReplicas: 1,
      maxReplicas: 2,
    });
    expect(state().result?.best?.replicaSeconds.mean).toBe(151);
  });

  it('is cancelled on request, and says what is wrong with a bad grid', async () => {
    const controller = createSimulationController(createInThreadWorker);
    dispose = () => controller.dispose();
    const long = {
      targetPerReplica: [0.5, 1, 2, 3, 4, 5],
      maxReplicas: [1, 2, 3, 4],
      minReplicas: [1],
    };
    controller.findPolicy(spikeDocument(), 'w', target, long, { ...options, replications: 10 });
    controller.cancelFindPolicy();
    await until(() => state().status !== 'running', 'the cancel');
    expect(state().status).toBe('cancelled');
    controller.findPolicy(spikeDocument(), 'w', target, { ...grid, maxReplicas: [0] }, options);
    await until(() => state().status !== 'running', 'the refusal');
    expect(state()).toMatchObject({
      status: 'error',
      error: 'max replicas must be a whole number >= 1, got 0',
    });
  });
});
