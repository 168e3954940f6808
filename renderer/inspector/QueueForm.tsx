import type { QueueNode } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { MeasuredMark } from '../calibration/MeasuredMark';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { CheckField, SelectField } from './fields/SelectField';
import { FinalFailurePreview } from './FinalFailurePreview';
import { KeepJobsField } from './KeepJobsField';
import { commonValue, MIXED, type Commit } from './values';

export function QueueForm({
  nodes,
  edit,
}: {
  nodes: readonly QueueNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const backoff = commonValue<{ type: string }>(nodes, ['config', 'backoff']);
  const backoffType = backoff === MIXED ? MIXED : (backoff?.type ?? 'none');
  const ids = nodes.map((n) => n.id);
  const rateLimit = commonValue<object>(nodes, ['config', 'rateLimit']);
  return (
    <>
      <Group
        title="Retries and backoff"
        aside={<MeasuredMark ids={ids} fields={['attempts', 'backoff']} />}
      >
        <NumberField
          label="Attempts"
          unit="tries"
          optional
          placeholder="1"
          value={commonValue<number>(nodes, ['config', 'attempts'])}
          onCommit={edit(['config', 'attempts'])}
          help="Total tries per job, the first included"
        />
        <SelectField
          label="Backoff"
          value={backoffType as 'none' | 'fixed' | 'exponential' | typeof MIXED}
          options={[
            { value: 'none', label: 'Retry at once' },
            { value: 'fixed', label: 'Fixed delay' },
            { value: 'exponential', label: 'Exponential (delay × 2ⁿ⁻¹)' },
          ]}
          onChoose={(t) =>
            edit(['config', 'backoff'])(
              t === 'none'
                ? undefined
                : { type: t, delayMs: nodes[0]?.config.backoff?.delayMs ?? 1000 },
            )
          }
        />
        {backoffType === 'fixed' || backoffType === 'exponential' ? (
          <div className="field-row">
            <NumberField
              label="Delay"
              unit="ms"
              value={commonValue<number>(nodes, ['config', 'backoff', 'delayMs'])}
              onCommit={edit(['config', 'backoff', 'delayMs'])}
            />
            <NumberField
              label="Jitter"
              unit="0–1"
              optional
              value={commonValue<number>(nodes, ['config', 'backoff', 'jitter'])}
              onCommit={edit(['config', 'backoff', 'jitter'])}
            />
          </div>
        ) : null}
        {nodes.length === 1 ? <FinalFailurePreview queue={nodes[0]!} /> : null}
      </Group>
      <Group title="Rate limit" aside={<MeasuredMark ids={ids} fields={['rateLimit']} />}>
        <CheckField
          label="Limit how fast jobs start"
          help="across all workers of this queue"
          checked={rateLimit === MIXED ? MIXED : rateLimit !== undefined}
          onToggle={(on) =>
            edit(['config', 'rateLimit'])(on ? { max: 10, durationMs: 1000 } : undefined)
          }
        />
        {rateLimit !== undefined && rateLimit !== MIXED ? (
          <div className="field-row">
            <NumberField
              label="At most"
              unit="jobs"
              value={commonValue<number>(nodes, ['config', 'rateLimit', 'max'])}
              onCommit={edit(['config', 'rateLimit', 'max'])}
            />
            <NumberField
              label="Per"
              unit="ms"
              value={commonValue<number>(nodes, ['config', 'rateLimit', 'durationMs'])}
              onCommit={edit(['config', 'rateLimit', 'durationMs'])}
            />
          </div>
        ) : null}
      </Group>
      <Group
        title="Removal"
        aside={<MeasuredMark ids={ids} fields={['removeOnComplete', 'removeOnFail']} />}
      >
        <KeepJobsField label="Completed jobs" field="removeOnComplete" nodes={nodes} edit={edit} />
        <KeepJobsField label="Failed jobs" field="removeOnFail" nodes={nodes} edit={edit} />
      </Group>
    </>
  );
}
