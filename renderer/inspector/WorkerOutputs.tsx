import { useMemo } from 'react';
import type { WorkerNode } from '../../shared/document';
import { useDocumentState } from '../state/document-store';
import { selectionOf, setSelection } from '../state/selection-store';
import { edgeLabel } from '../canvas/adapter';
import { Group } from './fields/Field';

/**
 * Where a worker's jobs go: each edge out of it, a click selecting it to choose what it carries
 * (completed or failed jobs, or a flow's children or parent: docs/architecture.md "Flows"). So a
 * flow is found from the worker, without aiming at a thin edge on the canvas.
 */
export function WorkerOutputs({ worker }: { worker: WorkerNode }) {
  const edges = useDocumentState((s) => s.document.edges);
  const nodes = useDocumentState((s) => s.document.nodes);
  const outputs = useMemo(() => edges.filter((e) => e.from === worker.id), [edges, worker.id]);
  const nameOf = (id: string) => nodes.find((n) => n.id === id)?.name ?? id;
  return (
    <Group title="Where its jobs go">
      {outputs.length === 0 ? (
        <p className="field__help">
          Nowhere yet: drag from the worker’s right dot to a queue to pass completed jobs on.
        </p>
      ) : (
        <ul className="worker-outputs">
          {outputs.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                className="worker-outputs__edge"
                data-testid={`worker-output-${e.id}`}
                onClick={() => setSelection(selectionOf([], [e.id]))}
                title="Select this edge to choose what it carries"
              >
                → {nameOf(e.to)}
                <span className="worker-outputs__carries">{edgeLabel(e) ?? 'completed jobs'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="field__help">
        Fan out a BullMQ flow: select one of these edges and set it to Children, another to Parent.
      </p>
    </Group>
  );
}
