import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AutoscaleSweepResult } from '../../shared/simulation/autoscale-sweep';

/**
 * The search for a worker's cheapest autoscale policy ("Find cheapest policy" in the worker
 * inspector): many simulations in the simulation worker, apart from the analysis it leaves alone.
 */
export interface PolicySearchState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  workerId: string | null;
  progress: number;
  result: AutoscaleSweepResult | null;
  error: string | null;
}

const idle: PolicySearchState = {
  status: 'idle',
  workerId: null,
  progress: 0,
  result: null,
  error: null,
};

export const policySearchStore = createStore<PolicySearchState>()(() => idle);

export function usePolicySearch<T>(selector: (state: PolicySearchState) => T): T {
  return useStore(policySearchStore, selector);
}

export function beginPolicySearch(workerId: string): void {
  policySearchStore.setState({ ...idle, status: 'running', workerId }, true);
}

export function setPolicySearchProgress(fraction: number): void {
  if (policySearchStore.getState().status === 'running') {
    policySearchStore.setState({ progress: fraction });
  }
}

export function finishPolicySearch(result: AutoscaleSweepResult): void {
  policySearchStore.setState({ status: 'done', progress: 1, result });
}

export function endPolicySearch(status: 'cancelled' | 'error', error: string | null = null): void {
  policySearchStore.setState({ status, error });
}

export function resetPolicySearchStore(): void {
  policySearchStore.setState(idle, true);
}
