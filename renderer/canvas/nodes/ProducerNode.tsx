import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ProducerNode as ProducerDoc } from '../../../shared/document';
import { HANDLE, type FlowNode } from '../adapter';
import { producerSummary } from '../format';
import { NodeFrame } from './NodeFrame';

function ProducerNodeView({ data, selected }: NodeProps<FlowNode>) {
  const node = data.node as ProducerDoc;
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
