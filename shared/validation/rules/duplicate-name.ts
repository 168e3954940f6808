import { duplicateNames } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** Two queues, or two workers, with the same name. */
export const duplicateName = topologyRule('duplicate-name', (graph) => duplicateNames(graph));
