import { useSyncExternalStore } from 'react';
import { liveStore, useEdgeRate } from '../state/live-store';

/** Stroke width of an edge by its throughput, relative to the busiest edge. */
export const MIN_EDGE_WIDTH = 1.2;
export const MAX_EDGE_WIDTH = 9;

const maxima = new WeakMap<object, number>();

/** The highest edge rate of a snapshot's edges (computed once per snapshot). */
export function maxEdgeRate(edges: Readonly<Record<string, number>>): number {
  let max = maxima.get(edges);
  if (max === undefined) {
    max = 0;
    for (const rate of Object.values(edges)) if (rate > max) max = rate;
    maxima.set(edges, max);
  }
  return max;
}

/** Square-root scaling: the area of the stroke follows the flow, so small flows stay visible. */
export function edgeWidth(rate: number, maxRate: number): number {
  if (!(maxRate > 0) || !(rate > 0)) return MIN_EDGE_WIDTH;
  const share = Math.min(1, rate / maxRate);
  return MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * Math.sqrt(share);
}

const subscribe = (onChange: () => void) => liveStore.subscribe(onChange);
const currentMax = () => maxEdgeRate(liveStore.getState().edges);

/** The stroke width for an edge during a simulation or run; undefined when nothing runs. */
export function useEdgeWidth(edgeId: string): number | undefined {
  const rate = useEdgeRate(edgeId);
  const max = useSyncExternalStore(subscribe, currentMax, currentMax);
  return rate === undefined ? undefined : Math.round(edgeWidth(rate, max) * 10) / 10;
}
