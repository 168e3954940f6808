import { producerTargets } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** A producer must add its jobs to at least one queue. */
export const producerTarget = topologyRule('producer-target', producerTargets);
