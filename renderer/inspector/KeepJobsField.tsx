import type { KeepJobs, QueueNode } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { commonValue, MIXED, type Commit } from './values';

type Mode = 'keep' | 'remove' | 'limit';

const modeOf = (keep: KeepJobs | undefined): Mode =>
  keep === undefined ? 'keep' : keep === true ? 'remove' : 'limit';

/** BullMQ's removeOnComplete / removeOnFail: keep all, remove at once, or keep the last N / age. */
export function KeepJobsField({
  label,
  field,
  nodes,
  edit,
}: {
  label: string;
  field: 'removeOnComplete' | 'removeOnFail';
  nodes: readonly QueueNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const value = commonValue<KeepJobs>(nodes, ['config', field]);
  const mode = value === MIXED ? MIXED : modeOf(value);
  return (
    <>
      <SelectField
        label={label}
        value={mode}
        options={[
          { value: 'keep', label: 'Keep them all' },
          { value: 'remove', label: 'Remove at once' },
          { value: 'limit', label: 'Keep the latest…' },
        ]}
        onChoose={(m) =>
          edit(['config', field])(
            m === 'keep' ? undefined : m === 'remove' ? true : { count: 1000 },
          )
        }
      />
      {mode === 'limit' ? (
        <div className="field-row">
          <NumberField
            label="Count"
            unit="jobs"
            optional
            value={commonValue<number>(nodes, ['config', field, 'count'])}
            onCommit={edit(['config', field, 'count'])}
          />
          <NumberField
            label="Age"
            unit="s"
            optional
            value={commonValue<number>(nodes, ['config', field, 'ageSec'])}
            onCommit={edit(['config', field, 'ageSec'])}
          />
        </div>
      ) : null}
    </>
  );
}
