import type { ReactNode } from 'react';
import type { PipelineNode } from '../../../shared/document';
import { KIND_LABELS } from '../../editing/new-node';
import { NodeDiagnosticBadge } from './DiagnosticBadge';
import { KindIcon } from './KindIcon';
import { LiveBadge } from '../../analysis/LiveBadge';
import { NodeName } from './NodeName';

/** What every node shows: kind, name, badges, a few key settings, and its handles. */
export function NodeFrame({
  node,
  selected,
  lines,
  children,
}: {
  node: PipelineNode;
  selected: boolean;
  lines: string[];
  children: ReactNode;
}) {
  return (
    <div
      className={`pw-node pw-node--${node.kind}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${node.id}`}
      data-kind={node.kind}
    >
      <div className="pw-node__head">
        <span className="pw-node__kind" title={KIND_LABELS[node.kind]}>
          <KindIcon kind={node.kind} />
        </span>
        <NodeName nodeId={node.id} name={node.name} />
        <NodeDiagnosticBadge nodeId={node.id} />
      </div>
      <div className="pw-node__body">
        {lines.map((line, i) => (
          <div className="pw-node__line" key={i}>
            {line}
          </div>
        ))}
      </div>
      <LiveBadge nodeId={node.id} />
      {children}
    </div>
  );
}
