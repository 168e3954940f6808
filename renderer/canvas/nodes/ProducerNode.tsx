import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ProducerNode as ProducerDoc } from '../../../shared/document';
import { useDocumentNode } from '../../state/document-store';
import { HANDLE, type FlowNode } from '../adapter';
import { useLiveNode } from '../../runs/useLiveNode';
import { NodeFrame } from './NodeFrame';

function ProducerNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useDocumentNode(id) as ProducerDoc | undefined;
  if (!node) return null;
  return <ProducerFrame node={node} selected={selected} />;
}

/** Split from the view so the live hook runs only for a node that exists. */
function ProducerFrame({ node, selected }: { node: ProducerDoc; selected: boolean }) {
  const live = useLiveNode(node);
  return (
    <NodeFrame node={node} selected={selected} lines={live.lines} state={live.state}>
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
