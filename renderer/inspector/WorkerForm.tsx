import { plural } from '../../shared/plural';
import type { WorkerNode } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { MeasuredMark } from '../calibration/MeasuredMark';
import { AutoscaleFields } from './AutoscaleFields';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { ServiceFields } from './ServiceFields';
import { WorkerOutputs } from './WorkerOutputs';
import { commonValue, MIXED, type Commit } from './values';

export function WorkerForm({
  nodes,
  edit,
}: {
  nodes: readonly WorkerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const concurrency = commonValue<number>(nodes, ['config', 'concurrency']);
  const replicas = commonValue<number>(nodes, ['config', 'replicas']);
  const capacity =
    concurrency !== MIXED &&
    replicas !== MIXED &&
    concurrency !== undefined &&
    replicas !== undefined
      ? concurrency * replicas
      : null;
  const ids = nodes.map((n) => n.id);
  const work = commonValue<'io' | 'cpu'>(nodes, ['config', 'work']);
  return (
    <>
      {nodes.length === 1 ? <WorkerOutputs worker={nodes[0]!} /> : null}
      <Group
        title="Concurrency and replicas"
        aside={<MeasuredMark ids={ids} fields={['concurrency', 'replicas']} />}
      >
        <div className="field-row">
          <NumberField
            label="Concurrency"
            unit="jobs"
            value={concurrency}
            onCommit={edit(['config', 'concurrency'])}
            help="Jobs one process works at once"
          />
          <NumberField
            label="Replicas"
            unit="proc"
            value={replicas}
            onCommit={edit(['config', 'replicas'])}
            help="Processes running this worker"
          />
        </div>
        {capacity !== null ? (
          <div className="field__help">Capacity: {plural(capacity, 'job')} at once</div>
        ) : null}
        <SelectField
          label="Work"
          value={work === MIXED ? MIXED : (work ?? 'io')}
          options={[
            { value: 'io', label: 'Waiting on I/O (network, disk)' },
            { value: 'cpu', label: 'Busy on the CPU' },
          ]}
          onChoose={(w) => edit(['config', 'work'])(w === 'io' ? undefined : w)}
        />
      </Group>
      <Group title="Service time" aside={<MeasuredMark ids={ids} fields={['service']} />}>
        <ServiceFields nodes={nodes} edit={edit} />
      </Group>
      <Group title="Failure rate" aside={<MeasuredMark ids={ids} fields={['failureRate']} />}>
        <NumberField
          label="Failing attempts"
          unit="% of attempts"
          optional
          percent
          placeholder="0"
          value={commonValue<number>(nodes, ['config', 'failureRate'])}
          onCommit={edit(['config', 'failureRate'])}
          help="Share of attempts that throw: 2 (or 2%) fails 2 in 100 attempts; a failed attempt is retried while the queue allows"
        />
      </Group>
      <AutoscaleFields nodes={nodes} edit={edit} />
    </>
  );
}
