import type { ProducerNode } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { ArrivalFields } from './ArrivalFields';
import { MeasuredMark } from '../calibration/MeasuredMark';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { CheckField } from './fields/SelectField';
import { TextField } from './fields/TextField';
import { JsonField } from './fields/JsonField';
import { commonValue, type Commit } from './values';

export function ProducerForm({
  nodes,
  edit,
}: {
  nodes: readonly ProducerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const num = (path: string[], label: string, unit: string, help?: string) => (
    <NumberField
      label={label}
      unit={unit}
      optional
      value={commonValue<number>(nodes, ['config', ...path])}
      onCommit={edit(['config', ...path])}
      {...(help ? { help } : {})}
    />
  );
  return (
    <>
      <Group
        title="Arrival"
        aside={<MeasuredMark ids={nodes.map((n) => n.id)} fields={['arrival']} />}
      >
        <ArrivalFields nodes={nodes} edit={edit} />
        {num(['limit'], 'Total jobs', 'jobs', 'Stop after this many; empty for no limit')}
        <div className="field-row">
          {num(['startMs'], 'Start at', 'ms')}
          {num(['stopMs'], 'Stop at', 'ms')}
        </div>
      </Group>
      <Group title="Job options">
        <TextField
          label="Job name"
          value={commonValue<string>(nodes, ['config', 'jobName'])}
          onCommit={edit(['config', 'jobName'])}
        />
        {num(['jobOptions', 'priority'], 'Priority', '', '1 runs first; 0 or empty for none')}
        {num(['jobOptions', 'delayMs'], 'Delay', 'ms', 'Wait this long before a job may run')}
        <CheckField
          label="LIFO"
          help="newest job first"
          checked={commonValue<boolean>(nodes, ['config', 'jobOptions', 'lifo']) ?? false}
          onToggle={(on) => edit(['config', 'jobOptions', 'lifo'])(on ? true : undefined)}
        />
        {nodes.length === 1 ? (
          <JsonField
            label="Payload"
            value={nodes[0]!.config.payload}
            onCommit={edit(['config', 'payload'])}
          />
        ) : null}
      </Group>
    </>
  );
}
