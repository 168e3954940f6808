import type { ValidationRule } from '../types';
import { autoscaleMetric } from './autoscale-metric';
import { autoscaleRange } from './autoscale-range';
import { capacity } from './capacity';
import { duplicateEdge } from './duplicate-edge';
import { duplicateName } from './duplicate-name';
import { edgeProbabilityRule } from './edge-probability';
import { endlessLoop } from './endless-loop';
import { failedEdge } from './failed-edge';
import { flowChildrenRule } from './flow-children';
import { flowCycle } from './flow-cycle';
import { flowJoin } from './flow-join';
import { flowStuckParent } from './flow-stuck-parent';
import { illegalEdge } from './illegal-edge';
import { nameWhitespace } from './name-whitespace';
import { orphanQueue } from './orphan-queue';
import { producerTarget } from './producer-target';
import { queueName } from './queue-name';
import { rateLimit } from './rate-limit';
import { scenarioEventId } from './scenario-event-id';
import { scenarioOverlap } from './scenario-overlap';
import { scenarioTarget } from './scenario-target';
import { unconsumedQueue } from './unconsumed-queue';
import { workerInput } from './worker-input';

/** Every validation rule, in the order their findings are listed. */
export const RULES: readonly ValidationRule[] = [
  illegalEdge,
  failedEdge,
  workerInput,
  flowJoin,
  flowChildrenRule,
  flowCycle,
  flowStuckParent,
  producerTarget,
  orphanQueue,
  unconsumedQueue,
  duplicateName,
  queueName,
  nameWhitespace,
  duplicateEdge,
  edgeProbabilityRule,
  capacity,
  rateLimit,
  endlessLoop,
  scenarioTarget,
  scenarioEventId,
  scenarioOverlap,
  autoscaleRange,
  autoscaleMetric,
];
