import type { ReactNode } from 'react';
import type { PipelineNode } from '../../../shared/document';
import { DriftBadge } from '../../calibration/DriftBadge';
import { KIND_LABELS } from '../../editing/new-node';
import { NodeDiagnosticBadge } from './DiagnosticBadge';
import { KindIcon } from './KindIcon';
import { LiveBadge } from '../../analysis/LiveBadge';
import { NodeName } from './NodeName';
import type { LiveNodeView } from '../../runs/useLiveNode';

const STATE_LABEL = { down: 'down', paused: 'paused' } as const;
const STATE_TITLE = {
  down: 'No replica alive: start one in the live controls',
  paused: 'Paused by a live control: jobs wait until it is resumed',
} as const;

/** What every node shows: kind, name, badges, a few key settings, and its handles. */
export function NodeFrame({
  node,
  selected,
  lines,
  children,
  state = null,
}: {
  node: PipelineNode;
  selected: boolean;
  lines: LiveNodeView['lines'];
  children: ReactNode;
  state?: LiveNodeView['state'];
}) {
  return (
    <div
      className={`pw-node pw-node--${node.kind}${selected ? ' is-selected' : ''}${state ? ` is-${state}` : ''}`}
      data-testid={`node-${node.id}`}
      data-kind={node.kind}
    >
      <div className="pw-node__head">
        <span className="pw-node__kind" title={KIND_LABELS[node.kind]}>
          <KindIcon kind={node.kind} />
        </span>
        <NodeName nodeId={node.id} name={node.name} />
        <NodeDiagnosticBadge nodeId={node.id} />
        <DriftBadge nodeId={node.id} />
        {state ? (
          <span
            className={`pw-node__state pw-node__state--${state}`}
            title={STATE_TITLE[state]}
            data-testid={`node-state-${node.id}`}
          >
            {STATE_LABEL[state]}
          </span>
        ) : null}
      </div>
      <div className="pw-node__body">
        {lines.map((line, i) =>
          line.design === null ? (
            <div className="pw-node__line" key={i}>
              {line.text}
            </div>
          ) : (
            <div
              className="pw-node__line pw-node__line--override"
              key={i}
              title={`Changed live; the design says “${line.design}”`}
              data-testid={`node-override-${node.id}`}
            >
              {/* The text gives way (ellipsis), never the mark: an override must always show. */}
              <span className="pw-node__line-text">{line.text}</span>{' '}
              <span className="pw-node__live-mark">live</span>
            </div>
          ),
        )}
      </div>
      <LiveBadge nodeId={node.id} />
      {children}
    </div>
  );
}
