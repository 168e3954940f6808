import type { PipelineNode } from '../../shared/document';
import { useRun } from '../state/run-store';
import './live-node.css';
import { isDown, summaryLines, type SummaryLine } from './live-overrides';

export interface LiveNodeView {
  lines: SummaryLine[];
  /** A live state that changes how the node looks: a worker with no replica, a paused queue. */
  state: 'down' | 'paused' | null;
}

/** A node's summary lines with the run's live overrides in place, and its live state. */
export function useLiveNode(node: PipelineNode): LiveNodeView {
  const override = useRun((s) => s.overrides[node.id]);
  const paused = useRun((s) => s.status.pausedQueues.includes(node.id));
  return {
    lines: summaryLines(node, override),
    state: isDown(node, override) ? 'down' : paused ? 'paused' : null,
  };
}
