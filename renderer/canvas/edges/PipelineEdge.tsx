import { memo } from 'react';
import {
  BaseEdge,
  EdgeLabelRenderer,
  EdgeText,
  getBezierPath,
  type EdgeProps,
} from '@xyflow/react';
import { useEdgeDiagnostics } from '../../state/diagnostics-store';
import { EdgeFlow } from '../../analysis/EdgeFlow';
import { edgeRateShown } from '../../analysis/badge-view';
import { useAnalysis } from '../../state/analysis-store';
import { edgeLabel, type FlowEdge } from '../adapter';
import { formatRate } from '../../../shared/metrics/format';
import { EdgeDiagnosticBadge } from '../nodes/DiagnosticBadge';

/**
 * An edge with its label (`on failed`, a probability) and, during a run, its live rate. Labels
 * are SVG text: an HTML label (EdgeLabelRenderer) costs a DOM query per label on every canvas
 * update, too much with hundreds of edges, so only a diagnostic badge takes that route.
 */
function PipelineEdgeView(props: EdgeProps<FlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  // As the badges: the whole measured span once finished, else the frame on the timeline.
  const rate = useAnalysis((s) => edgeRateShown(s, id));
  const diagnostics = useEdgeDiagnostics(id);
  const label = data?.edge ? edgeLabel(data.edge) : null;
  const text = [label, rate !== undefined ? formatRate(rate) : null].filter(Boolean).join(' · ');
  return (
    <>
      <EdgeFlow edgeId={id} path={path} />
      <BaseEdge id={id} path={path} {...(markerEnd ? { markerEnd } : {})} interactionWidth={16} />
      {text ? (
        <EdgeText
          x={labelX}
          y={labelY}
          label={text}
          className={`edge-label${selected ? ' is-selected' : ''}`}
          labelBgPadding={[6, 2]}
          labelBgBorderRadius={8}
          data-testid={`edge-label-${id}`}
        />
      ) : null}
      {diagnostics ? (
        <EdgeLabelRenderer>
          <div
            className="edge-diagnostic nodrag nopan"
            style={{ transform: `translate(-50%, -140%) translate(${labelX}px, ${labelY}px)` }}
          >
            <EdgeDiagnosticBadge edgeId={id} />
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const PipelineEdge = memo(PipelineEdgeView);
