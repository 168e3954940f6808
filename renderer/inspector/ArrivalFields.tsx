import type { Arrival, ProducerNode } from '../../shared/document';
import { ARRIVAL_TYPES } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { ARRIVAL_LABELS, arrivalOfType, type ArrivalType } from './arrival-defaults';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';
import { commonValue, MIXED, type Commit } from './values';

const A = ['config', 'arrival'] as const;

/** How jobs arrive: the type, then the fields of that type (shown when all agree on it). */
export function ArrivalFields({
  nodes,
  edit,
}: {
  nodes: readonly ProducerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const type = commonValue<ArrivalType>(nodes, [...A, 'type']);
  const first = nodes[0]!.config.arrival;
  const v = (key: string) => commonValue<number>(nodes, [...A, key]);
  const num = (key: string, label: string, unit: string, help?: string) => (
    <NumberField
      key={key}
      label={label}
      unit={unit}
      value={v(key)}
      onCommit={edit([...A, key])}
      {...(help ? { help } : {})}
    />
  );
  return (
    <>
      <SelectField
        label="Arrivals"
        value={type === undefined ? MIXED : type}
        options={ARRIVAL_TYPES.map((t) => ({ value: t, label: ARRIVAL_LABELS[t] }))}
        onChoose={(t) => edit([...A])(arrivalOfType(t, first))}
      />
      {type === 'constant' || type === 'poisson' ? num('ratePerSec', 'Rate', '/s') : null}
      {type === 'burst' ? (
        <>
          {num('size', 'Jobs per burst', 'jobs')}
          {num('everyMs', 'Every', 'ms')}
        </>
      ) : null}
      {type === 'ramp' ? (
        <>
          {num('fromPerSec', 'From', '/s')}
          {num('toPerSec', 'To', '/s')}
          {num('overMs', 'Over', 'ms')}
        </>
      ) : null}
      {type === 'schedule' ? <ScheduleFields nodes={nodes} edit={edit} /> : null}
    </>
  );
}

function ScheduleFields({
  nodes,
  edit,
}: {
  nodes: readonly ProducerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const arrival = nodes[0]!.config.arrival as Extract<Arrival, { type: 'schedule' }>;
  const byCron = arrival.cron !== undefined;
  return (
    <>
      <SelectField
        label="Repeat"
        value={byCron ? 'cron' : 'every'}
        options={[
          { value: 'every', label: 'Every fixed interval' },
          { value: 'cron', label: 'On a cron pattern' },
        ]}
        onChoose={(how) =>
          edit([...A])(
            how === 'cron'
              ? { type: 'schedule', cron: '0 * * * *' }
              : { type: 'schedule', everyMs: 60_000 },
          )
        }
      />
      {byCron ? (
        <TextField
          label="Cron"
          mono
          value={commonValue<string>(nodes, [...A, 'cron'])}
          onCommit={edit([...A, 'cron'])}
          help="minute hour day month weekday, e.g. 0 3 * * * (03:00 daily)"
        />
      ) : (
        <NumberField
          label="Every"
          unit="ms"
          value={commonValue<number>(nodes, [...A, 'everyMs'])}
          onCommit={edit([...A, 'everyMs'])}
        />
      )}
    </>
  );
}
