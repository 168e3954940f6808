import { nodeLabel } from '../describe';
import type { ValidationRule } from '../types';

/** Names that are blank or start or end with spaces: easy to mistype, hard to see. */
export const nameWhitespace: ValidationRule = {
  id: 'name-whitespace',
  check({ doc }) {
    return doc.nodes.flatMap((node) => {
      const trimmed = node.name.trim();
      if (trimmed === node.name) return [];
      if (trimmed === '') {
        return [
          {
            rule: 'name-whitespace',
            severity: 'warning' as const,
            nodeId: node.id,
            message: `a ${node.kind} has a blank name (only spaces)`,
            hint: 'give it a name that says what it does',
          },
        ];
      }
      return [
        {
          rule: 'name-whitespace',
          severity: 'warning' as const,
          nodeId: node.id,
          message: `${nodeLabel(node)} starts or ends with whitespace`,
          hint: `rename it to ${JSON.stringify(trimmed)}`,
        },
      ];
    });
  },
};
