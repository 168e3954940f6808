import type { ServiceDistribution, WorkerNode } from '../../shared/document';
import { SERVICE_TYPES } from '../../shared/document';
import type { PathKey } from '../editing/edit';
import { SERVICE_LABELS, serviceOfType, type ServiceType } from './arrival-defaults';
import { DistributionPreview } from './DistributionPreview';
import { NumberField } from './fields/NumberField';
import { SelectField } from './fields/SelectField';
import { commonValue, MIXED, type Commit } from './values';

const S = ['config', 'service'] as const;

const FIELDS: Record<ServiceType, Array<[key: string, label: string]>> = {
  fixed: [['ms', 'Time']],
  exponential: [['meanMs', 'Mean']],
  uniform: [
    ['minMs', 'Min'],
    ['maxMs', 'Max'],
  ],
  normal: [
    ['meanMs', 'Mean'],
    ['stdDevMs', 'Std dev'],
  ],
  lognormal: [
    ['meanMs', 'Mean'],
    ['stdDevMs', 'Std dev'],
  ],
};

/** How long one job takes: the distribution, its parameters, and a live preview of its shape. */
export function ServiceFields({
  nodes,
  edit,
}: {
  nodes: readonly WorkerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const type = commonValue<ServiceType>(nodes, [...S, 'type']);
  const shared = commonValue<ServiceDistribution>(nodes, [...S]);
  const first = nodes[0]!.config.service;
  return (
    <>
      <SelectField
        label="Distribution"
        value={type === undefined ? MIXED : type}
        options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_LABELS[t] }))}
        onChoose={(t) => edit([...S])(serviceOfType(t, first))}
      />
      {type !== MIXED && type !== undefined ? (
        <div className="field-row">
          {FIELDS[type].map(([key, label]) => (
            <NumberField
              key={key}
              label={label}
              unit="ms"
              value={commonValue<number>(nodes, [...S, key])}
              onCommit={edit([...S, key])}
            />
          ))}
        </div>
      ) : null}
      {shared !== MIXED && shared !== undefined ? <DistributionPreview service={shared} /> : null}
    </>
  );
}
