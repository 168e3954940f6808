import { flowJoins } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** A fan-out needs exactly one parent (join) edge, and a parent edge needs children. */
export const flowJoin = topologyRule('flow-join', flowJoins);
