import { flowChildren } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** A children edge adds at least one child (N ≥ 1); flow fields belong on children edges only. */
export const flowChildrenRule = topologyRule('flow-children', flowChildren);
