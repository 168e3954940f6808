import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { WorkerNode as WorkerDoc } from '../../../shared/document';
import { useDocumentNode } from '../../state/document-store';
import { HANDLE, type FlowNode } from '../adapter';
import { useLiveNode } from '../../runs/useLiveNode';
import { RhoBadge } from '../../analysis/RhoBadge';
import { NodeFrame } from './NodeFrame';

function WorkerNodeView({ id, selected }: NodeProps<FlowNode>) {
  const node = useDocumentNode(id) as WorkerDoc | undefined;
  if (!node) return null;
  return <WorkerFrame node={node} selected={selected} />;
}

/** Split from the view so the live hook runs only for a node that exists. */
function WorkerFrame({ node, selected }: { node: WorkerDoc; selected: boolean }) {
  const live = useLiveNode(node);
  return (
    <NodeFrame node={node} selected={selected} lines={live.lines} state={live.state}>
      <RhoBadge nodeId={node.id} />
      <Handle
        type="target"
        position={Position.Left}
        id={HANDLE.in}
        className="pw-handle pw-handle--in"
        title="Connect exactly one queue here: the worker takes its jobs"
      />
      <Handle
        type="source"
        position={Position.Right}
        id={HANDLE.out}
        className="pw-handle pw-handle--out"
        title="Completed jobs: drag to a queue to pass each one on (for a BullMQ flow, select the edge and set it to Children or Parent)"
      />
      <Handle
        type="source"
        position={Position.Bottom}
        id={HANDLE.failed}
        className="pw-handle pw-handle--failed"
        title="Failed jobs (after their last attempt): drag to a dead-letter queue"
      />
      <span className="pw-node__failed-label" aria-hidden="true">
        failed
      </span>
    </NodeFrame>
  );
}

export const WorkerNode = memo(WorkerNodeView);
