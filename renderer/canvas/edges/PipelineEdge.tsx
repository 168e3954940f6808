import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useEdgeDiagnostics } from '../../state/diagnostics-store';
import { EdgeFlow } from '../../analysis/EdgeFlow';
import { useEdgeRate } from '../../state/live-store';
import { edgeLabel, type FlowEdge } from '../adapter';
import { formatRate } from '../format';
import { EdgeDiagnosticBadge } from '../nodes/DiagnosticBadge';

/**
 * An edge with its label (`on failed`, a probability) and, during a run, its live rate. Edges
 * with nothing to say render no label at all (hundreds of empty labels would cost frames).
 */
function PipelineEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const rate = useEdgeRate(id);
  const diagnostics = useEdgeDiagnostics(id);
  const label = data?.edge ? edgeLabel(data.edge) : null;
  const text = [label, rate !== undefined ? formatRate(rate) : null].filter(Boolean).join(' · ');
  return (
    <>
      <EdgeFlow edgeId={id} path={path} />
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} interactionWidth={16} />
      {text || diagnostics ? (
        <EdgeLabelRenderer>
          <div
            className={`edge-label nodrag nopan${selected ? ' is-selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${id}`}
          >
            {text}
            <EdgeDiagnosticBadge edgeId={id} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const PipelineEdge = memo(PipelineEdgeView);
