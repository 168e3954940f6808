import type { PipelineDocument } from '../document/schema';
import type { PipelineGraph } from '../document/topology';

/** One finding of a validation rule, attached to a node or an edge (or the whole document). */
export interface Diagnostic {
  /** The rule that found it, e.g. `illegal-edge`. */
  rule: string;
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** What is wrong, naming the node or edge as the user named it. */
  message: string;
  /** How to fix it. */
  hint: string;
}

export interface RuleContext {
  doc: PipelineDocument;
  graph: PipelineGraph;
}

/** A validation rule: pure, one per file under rules/. */
export interface ValidationRule {
  id: string;
  check(context: RuleContext): Diagnostic[];
}
