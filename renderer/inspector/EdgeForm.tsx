import type { PipelineDocument, PipelineEdge } from '../../shared/document';
import { edgeOn } from '../../shared/document';
import { MeasuredMark } from '../calibration/MeasuredMark';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { useEdgeEditor } from './useEditors';

/** An edge: which jobs it carries (a worker's completed or failed ones) and with what probability. */
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
          ]}
          onChoose={(on) => edit(['on'])(on === 'completed' ? undefined : on)}
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
      <div className="field__help">
        id <code>{edge.id}</code>
      </div>
    </Group>
  );
}
