import { flowCycles } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** No cycle through a flow: a fan-out that comes back to itself never ends. */
export const flowCycle = topologyRule('flow-cycle', flowCycles);
