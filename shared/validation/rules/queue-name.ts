import { queueNames } from '../../document/topology';
import { topologyRule } from '../topology-rule';

/** BullMQ refuses a queue name containing ":" (it separates the parts of its Redis keys). */
export const queueName = topologyRule('queue-name', queueNames);
