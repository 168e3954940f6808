import { childCountBounds } from '../bullmq-options';
import type { ChildFailurePolicy } from '../document/schema';
import type { PipelineGraph } from '../document/topology';

/**
 * BullMQ flows compiled for the engine (docs/architecture.md "Flows"): per worker, the fan-out
 * its completed jobs make — one parent job in the parent queue, waiting for children in the
 * children queues.
 */

/** What happens to the parent when a child fails for good; WAIT: it stays waiting-children. */
export const POLICY_WAIT = 0;
export const POLICY_FAIL_PARENT = 1;
export const POLICY_IGNORE = 2;
export const POLICY_REMOVE = 3;

const POLICY: Record<ChildFailurePolicy, number> = {
  failParentOnFailure: POLICY_FAIL_PARENT,
  ignoreDependencyOnFailure: POLICY_IGNORE,
  removeDependencyOnFailure: POLICY_REMOVE,
};

export interface ChildrenSpec {
  queue: number;
  edge: number;
  /** Children per parent: fixed, or uniform over the whole numbers min..max. */
  min: number;
  max: number;
  policy: number;
}

export interface FanOutModel {
  parentQueue: number;
  parentEdge: number;
  children: ChildrenSpec[];
}

/**
 * Each worker's fan-out (undefined: none), indexed like the model's workers. `station` maps a
 * node id to its station index, `edgeIndex` an edge to its index in the document.
 */
export function compileFanOuts(
  graph: PipelineGraph,
  station: (nodeId: string) => number,
  edgeIndex: ReadonlyMap<object, number>,
): Array<FanOutModel | undefined> {
  return graph.workers.map((w) => {
    const parent = graph.routes(w.id, 'parent')[0];
    const children = graph.routes(w.id, 'children');
    if (!parent || children.length === 0) return undefined;
    return {
      parentQueue: station(parent.to),
      parentEdge: edgeIndex.get(parent)!,
      children: children.map((e) => ({
        queue: station(e.to),
        edge: edgeIndex.get(e)!,
        ...childCountBounds(e),
        policy: e.childFailure ? POLICY[e.childFailure] : POLICY_WAIT,
      })),
    };
  });
}
