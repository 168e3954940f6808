import type { PipelineDocument } from '../document/schema';
import { buildGraph, type PipelineGraph } from '../document/topology';
import { autoscaleRange } from './rules/autoscale-range';
import { scenarioEventId } from './rules/scenario-event-id';
import { scenarioOverlap } from './rules/scenario-overlap';
import { scenarioTarget } from './rules/scenario-target';
import type { Diagnostic } from './types';

/**
 * The rules whose errors make a scenario or an autoscaler unplayable (docs/architecture.md
 * "Scenarios"): the simulator refuses them, since it would otherwise stop on them half-way or
 * give wrong figures (an overlapping event's restore undoes the other).
 */
export const SCENARIO_RULES = [scenarioTarget, scenarioEventId, scenarioOverlap, autoscaleRange];

/** The scenario's and autoscalers' errors, worded as the Problems panel words them. */
export function scenarioErrors(doc: PipelineDocument, graph?: PipelineGraph): Diagnostic[] {
  const context = { doc, graph: graph ?? buildGraph(doc) };
  return SCENARIO_RULES.flatMap((rule) => rule.check(context)).filter(
    (d) => d.severity === 'error',
  );
}
