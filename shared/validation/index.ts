import { buildGraph, type PipelineGraph } from '../document/topology';
import type { PipelineDocument } from '../document/schema';
import { RULES } from './rules';
import type { Diagnostic } from './types';

export type { Diagnostic, RuleContext, ValidationRule } from './types';
export { RULES } from './rules';

/**
 * Runs every rule; errors first, then warnings, each in document order. `graph` may be passed
 * when the caller already built it for this document.
 */
export function validateDocument(doc: PipelineDocument, graph?: PipelineGraph): Diagnostic[] {
  const context = { doc, graph: graph ?? buildGraph(doc) };
  const found = RULES.flatMap((rule) => rule.check(context));
  return [
    ...found.filter((d) => d.severity === 'error'),
    ...found.filter((d) => d.severity === 'warning'),
  ];
}
