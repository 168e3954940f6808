import { useMemo } from 'react';
import type { PipelineNode, ProducerNode, QueueNode, WorkerNode } from '../../shared/document';
import { KindIcon } from '../canvas/nodes/KindIcon';
import { TheoryPanel } from '../analysis/TheoryPanel';
import { KIND_LABELS } from '../editing/new-node';
import { JobBrowser } from '../runs/JobBrowser';
import { LiveControls } from '../runs/LiveControls';
import { useDocument } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import { DocumentForm } from './DocumentForm';
import { EdgeForm } from './EdgeForm';
import { NodeGeneral } from './NodeGeneral';
import { ProducerForm } from './ProducerForm';
import { QueueForm } from './QueueForm';
import { useNodeEditor } from './useEditors';
import { WorkerForm } from './WorkerForm';
import { plural } from '../../shared/plural';

function NodesForm({ nodes }: { nodes: readonly PipelineNode[] }) {
  // The same ids while the same nodes are edited (their objects change with every keystroke).
  const idList = nodes.map((n) => n.id).join('\n');
  const ids = useMemo(() => idList.split('\n'), [idList]);
  const edit = useNodeEditor(ids);
  const kind = nodes[0]!.kind;
  return (
    <>
      <h2 className={`inspector__title k-${kind}`}>
        <KindIcon kind={kind} size={16} />
        {nodes.length === 1 ? nodes[0]!.name : plural(nodes.length, kind)}
        <span className="inspector__kind">{KIND_LABELS[kind]}</span>
      </h2>
      {nodes.length > 1 ? (
        <p className="inspector__tip">
          Changes apply to all {nodes.length} selected {kind}s.
        </p>
      ) : null}
      {nodes.length === 1 ? <LiveControls nodeId={nodes[0]!.id} /> : null}
      {nodes.length === 1 && kind === 'queue' ? <JobBrowser nodeId={nodes[0]!.id} /> : null}
      <NodeGeneral nodes={nodes} edit={edit} />
      <TheoryPanel nodes={nodes} />
      {kind === 'producer' ? <ProducerForm nodes={nodes as ProducerNode[]} edit={edit} /> : null}
      {kind === 'queue' ? <QueueForm nodes={nodes as QueueNode[]} edit={edit} /> : null}
      {kind === 'worker' ? <WorkerForm nodes={nodes as WorkerNode[]} edit={edit} /> : null}
    </>
  );
}

/** The form for what is selected: nodes of one kind, one edge, or the pipeline itself. */
export function Inspector() {
  const doc = useDocument();
  const selection = useSelection((s) => s);
  const nodes = useMemo(
    () => doc.nodes.filter((n) => selection.nodeIds.has(n.id)),
    [doc, selection],
  );
  const edges = useMemo(
    () => doc.edges.filter((e) => selection.edgeIds.has(e.id)),
    [doc, selection],
  );
  const kinds = new Set(nodes.map((n) => n.kind));
  let body;
  if (nodes.length === 0 && edges.length === 0) body = <DocumentForm doc={doc} />;
  else if (nodes.length === 0 && edges.length === 1) body = <EdgeForm edge={edges[0]!} doc={doc} />;
  else if (nodes.length > 0 && kinds.size === 1)
    body = <NodesForm key={[...selection.nodeIds].join(',')} nodes={nodes} />;
  else {
    body = (
      <p className="inspector__tip">
        {plural(nodes.length, 'node')} and {plural(edges.length, 'edge')} selected. Select nodes of
        one kind to edit them together, or a single edge.
      </p>
    );
  }
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      {body}
    </aside>
  );
}
