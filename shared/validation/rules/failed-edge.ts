import { failedEdges } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** A `failed` edge moves a worker's finally-failed jobs to a (dead-letter) queue. */
export const failedEdge = topologyRule('failed-edge', failedEdges);
