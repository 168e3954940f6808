import { workerInputs } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** A worker consumes exactly one queue. */
export const workerInput = topologyRule('worker-input', (graph) => workerInputs(graph));
