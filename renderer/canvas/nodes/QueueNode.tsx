import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { QueueNode as QueueDoc } from '../../../shared/document';
import { useDocumentNode } from '../../state/document-store';
import { HANDLE, type FlowNode } from '../adapter';
import { queueSummary } from '../format';
import { NodeFrame } from './NodeFrame';

function QueueNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useDocumentNode(id) as QueueDoc | undefined;
  if (!node) return null;
  return (
    <NodeFrame node={node} selected={selected} lines={queueSummary(node.config)}>
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
