import type { PipelineDocument, PipelineEdge } from '../../shared/document';
import { edgeOn } from '../../shared/document';
import { MeasuredMark } from '../calibration/MeasuredMark';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { useEdgeEditor } from './useEditors';
import { flowHelp } from './flow-help';

const CHILD_FAILURE = [
  { value: 'wait', label: 'Parent keeps waiting (BullMQ default)' },
  { value: 'failParentOnFailure', label: 'Fail the parent' },
  { value: 'ignoreDependencyOnFailure', label: 'Ignore the child (parent goes on)' },
  { value: 'removeDependencyOnFailure', label: 'Remove the child (parent goes on)' },
] as const;

/**
 * An edge: which jobs it carries (a worker's completed or failed ones, or a flow's children or
 * parent: docs/architecture.md "Flows") and with what probability or how many children.
 */
export function EdgeForm({ edge, doc }: { edge: PipelineEdge; doc: PipelineDocument }) {
  const edit = useEdgeEditor(edge.id);
  const from = doc.nodes.find((n) => n.id === edge.from);
  const to = doc.nodes.find((n) => n.id === edge.to);
  const routes = from?.kind === 'worker' && edgeOn(edge) === 'completed';
  return (
    <Group title="Edge" aside={<MeasuredMark ids={[edge.id]} fields={['probability']} />}>
      <p className="edge-route">
        <b>{from?.name ?? edge.from}</b> → <b>{to?.name ?? edge.to}</b>
      </p>
      {from?.kind === 'worker' ? (
        <SelectField
          label="Carries"
          value={edgeOn(edge)}
          options={[
            { value: 'completed', label: 'Completed jobs' },
            { value: 'failed', label: 'Failed jobs (after the last attempt)' },
            { value: 'children', label: 'Children of a flow (fan-out)' },
            { value: 'parent', label: 'Parent of a flow (runs once its children are done)' },
          ]}
          onChoose={(on) => edit(['on'])(on === 'completed' ? undefined : on)}
          help={flowHelp(doc, edge)}
        />
      ) : null}
      {routes || edge.probability !== undefined ? (
        <NumberField
          label="Probability"
          unit="0–1"
          optional
          placeholder="1"
          value={edge.probability}
          onCommit={edit(['probability'])}
          help={
            routes
              ? 'Share of completed jobs sent along this edge (each edge decides on its own)'
              : 'Ignored here: only a worker’s completed edge routes by probability. Clear it.'
          }
        />
      ) : null}
      {edgeOn(edge) === 'children' ? <ChildrenFields edge={edge} /> : null}
      <div className="field__help">
        id <code>{edge.id}</code>
      </div>
    </Group>
  );
}

/** A children edge: how many children per parent (fixed or uniform) and a failed child's policy. */
function ChildrenFields({ edge }: { edge: PipelineEdge }) {
  const edit = useEdgeEditor(edge.id);
  const count = edge.children;
  const uniform = typeof count === 'object';
  return (
    <>
      <SelectField
        label="Children per parent"
        value={uniform ? 'uniform' : 'fixed'}
        options={[
          { value: 'fixed', label: 'Fixed number' },
          { value: 'uniform', label: 'Uniform between min and max' },
        ]}
        onChoose={(mode) =>
          edit(['children'])(
            mode === 'uniform'
              ? {
                  type: 'uniform',
                  min: typeof count === 'number' ? count : 1,
                  max: Math.max(typeof count === 'number' ? count : 1, 1),
                }
              : uniform
                ? count.max
                : count,
          )
        }
      />
      {uniform ? (
        <>
          <NumberField
            label="Min children"
            value={count.min}
            onCommit={edit(['children', 'min'])}
          />
          <NumberField
            label="Max children"
            value={count.max}
            onCommit={edit(['children', 'max'])}
          />
        </>
      ) : (
        <NumberField
          label="Children"
          optional
          placeholder="1"
          value={count}
          onCommit={edit(['children'])}
          help="Jobs added to this queue per parent; the parent waits for all of them"
        />
      )}
      <SelectField
        label="When a child fails for good"
        value={edge.childFailure ?? 'wait'}
        options={CHILD_FAILURE}
        onChoose={(policy) => edit(['childFailure'])(policy === 'wait' ? undefined : policy)}
      />
    </>
  );
}
