import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { QueueNode as QueueDoc } from '../../../shared/document';
import { useDocumentNode } from '../../state/document-store';
import { HANDLE, type FlowNode } from '../adapter';
import { useLiveNode } from '../../runs/useLiveNode';
import { WaitingChildrenBadge } from '../../analysis/WaitingChildrenBadge';
import { NodeFrame } from './NodeFrame';

function QueueNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useDocumentNode(id) as QueueDoc | undefined;
  if (!node) return null;
  return <QueueFrame node={node} selected={selected} />;
}

/** Split from the view so the live hook runs only for a node that exists. */
function QueueFrame({ node, selected }: { node: QueueDoc; selected: boolean }) {
  const live = useLiveNode(node);
  return (
    <NodeFrame node={node} selected={selected} lines={live.lines} state={live.state}>
      <WaitingChildrenBadge nodeId={node.id} />
      <Handle
        type="target"
        position={Position.Left}
        id={HANDLE.in}
        className="pw-handle pw-handle--in"
        title="Jobs arrive here from producers and workers"
      />
      <Handle
        type="source"
        position={Position.Right}
        id={HANDLE.out}
        className="pw-handle pw-handle--out"
        title="Drag to a worker that takes jobs from this queue"
      />
    </NodeFrame>
  );
}

export const QueueNode = memo(QueueNodeView);
