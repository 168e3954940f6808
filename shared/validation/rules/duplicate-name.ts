import type { PipelineNode } from '../../document/schema';
import type { Diagnostic, ValidationRule } from '../types';

const WHY: Record<'queue' | 'worker', { why: string; hint: string }> = {
  queue: {
    why: 'BullMQ identifies a queue by its name, so they would be one queue',
    hint: 'give each queue its own name',
  },
  worker: {
    why: 'generated files, metrics and logs would mix them up',
    hint: 'give each worker its own name',
  },
};

/** Two queues, or two workers, with the same name. */
export const duplicateName: ValidationRule = {
  id: 'duplicate-name',
  check({ doc }) {
    const groups = new Map<string, PipelineNode[]>();
    for (const node of doc.nodes) {
      if (node.kind === 'producer') continue;
      const key = `${node.kind}\u0000${node.name}`;
      (groups.get(key) ?? groups.set(key, []).get(key)!).push(node);
    }
    const found: Diagnostic[] = [];
    for (const nodes of groups.values()) {
      if (nodes.length < 2) continue;
      for (const node of nodes) {
        const kind = node.kind as 'queue' | 'worker';
        found.push({
          rule: 'duplicate-name',
          severity: 'error',
          nodeId: node.id,
          message: `${nodes.length} ${kind}s are named ${JSON.stringify(node.name)}; ${WHY[kind].why}`,
          hint: WHY[kind].hint,
        });
      }
    }
    return found;
  },
};
