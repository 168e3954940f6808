import type { PipelineGraph, TopologyProblem, TopologyRule } from '../document/topology';
import type { Diagnostic, ValidationRule } from './types';

/**
 * A rule that is one of the topology's legality checks (shared/document/topology), shown with a
 * severity: the engines refuse a document with the same problems, worded the same way.
 */
export function topologyRule(
  id: TopologyRule,
  check: (graph: PipelineGraph) => TopologyProblem[],
): ValidationRule {
  return {
    id,
    check: ({ graph }) =>
      check(graph).map((problem): Diagnostic => ({ ...problem, severity: 'error' })),
  };
}
