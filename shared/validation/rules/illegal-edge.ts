import { illegalEdges } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/**
 * Only the edges of the topology's table carry jobs; nothing connects to itself. `failed`
 * edges, self-loops included, are checked by the failed-edge rule.
 */
export const illegalEdge = topologyRule('illegal-edge', illegalEdges);
