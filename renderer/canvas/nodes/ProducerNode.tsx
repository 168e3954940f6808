import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ProducerNode as ProducerDoc } from '../../../shared/document';
import { useDocumentNode } from '../../state/document-store';
import { HANDLE, type FlowNode } from '../adapter';
import { producerSummary } from '../format';
import { NodeFrame } from './NodeFrame';

function ProducerNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useDocumentNode(id) as ProducerDoc | undefined;
  if (!node) return null;
  return (
    <NodeFrame node={node} selected={selected} lines={producerSummary(node.config)}>
      <Handle
        type="source"
        position={Position.Right}
        id={HANDLE.out}
        className="pw-handle pw-handle--out"
        title="Drag to a queue: each job goes to every queue connected here"
      />
    </NodeFrame>
  );
}

export const ProducerNode = memo(ProducerNodeView);
