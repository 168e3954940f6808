import { buildGraph } from '../document/graph';
import type { PipelineDocument } from '../document/schema';
import { RULES } from './rules';
import type { Diagnostic } from './types';

export type { Diagnostic, RuleContext, ValidationRule } from './types';
export { RULES } from './rules';

/** Runs every rule; errors first, then warnings, each in document order. */
export function validateDocument(doc: PipelineDocument): Diagnostic[] {
  const context = { doc, graph: buildGraph(doc) };
  const found = RULES.flatMap((rule) => rule.check(context));
  return [
    ...found.filter((d) => d.severity === 'error'),
    ...found.filter((d) => d.severity === 'warning'),
  ];
}
