import { AUTOSCALE_METRICS, type AutoscaleMetric, type WorkerNode } from '../../shared/document';
import { AUTOSCALE_DEFAULTS } from '../../shared/simulation/autoscaler';
import type { PathKey } from '../editing/edit';
import { CheapestPolicy } from './CheapestPolicy';
import { Group } from './fields/Field';
import { NumberField } from './fields/NumberField';
import { CheckField, SelectField } from './fields/SelectField';
import { commonValue, MIXED, type Commit } from './values';

const METRIC_LABELS: Record<AutoscaleMetric, string> = {
  waiting: 'Waiting jobs (wait list only)',
  'waiting+delayed': 'Waiting + delayed jobs (the backlog)',
  active: 'Active jobs (busy slots)',
};

/**
 * A worker's autoscale policy (docs/architecture.md "Scenarios"): replicas driven like KEDA's
 * scaler on the queue, played by the simulator. Each field is an undoable edit of the node.
 */
export function AutoscaleFields({
  nodes,
  edit,
}: {
  nodes: readonly WorkerNode[];
  edit: (path: readonly PathKey[]) => Commit;
}) {
  const policy = commonValue<object>(nodes, ['config', 'autoscale']);
  const on = nodes.every((n) => n.config.autoscale !== undefined);
  const some = nodes.some((n) => n.config.autoscale !== undefined);
  const first = nodes[0]!.config;
  const field = (key: string) => commonValue<number>(nodes, ['config', 'autoscale', key]);
  const at = (key: string) => edit(['config', 'autoscale', key]);
  return (
    <Group title="Autoscaling">
      <CheckField
        label="Autoscale replicas on the queue"
        checked={on ? true : some ? MIXED : false}
        onToggle={(checked) =>
          edit(['config', 'autoscale'])(
            checked
              ? {
                  metric: 'waiting+delayed',
                  targetPerReplica: first.concurrency,
                  maxReplicas: Math.max(2, first.replicas * 2),
                }
              : undefined,
          )
        }
        help="Simulated like KEDA: replicas follow the queue between a minimum and a maximum"
      />
      {on ? (
        <>
          <SelectField
            label="Scale on"
            value={commonValue<AutoscaleMetric>(nodes, ['config', 'autoscale', 'metric']) ?? MIXED}
            options={AUTOSCALE_METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] }))}
            onChoose={(m) => at('metric')(m)}
          />
          <NumberField
            label="Target per replica"
            unit="jobs"
            value={field('targetPerReplica')}
            onCommit={at('targetPerReplica')}
            help="Replicas wanted = metric ÷ this, rounded up"
          />
          <div className="field-row">
            <NumberField
              label="Min replicas"
              optional
              placeholder={String(AUTOSCALE_DEFAULTS.minReplicas)}
              value={field('minReplicas')}
              onCommit={at('minReplicas')}
            />
            <NumberField
              label="Max replicas"
              value={field('maxReplicas')}
              onCommit={at('maxReplicas')}
            />
          </div>
          <div className="field-row">
            <NumberField
              label="Poll every"
              unit="ms"
              optional
              placeholder={String(AUTOSCALE_DEFAULTS.pollMs)}
              value={field('pollMs')}
              onCommit={at('pollMs')}
            />
            <NumberField
              label="Cooldown"
              unit="ms"
              optional
              placeholder={String(AUTOSCALE_DEFAULTS.cooldownMs)}
              value={field('cooldownMs')}
              onCommit={at('cooldownMs')}
            />
          </div>
          <NumberField
            label="Start-up"
            unit="ms"
            optional
            placeholder={String(AUTOSCALE_DEFAULTS.startupMs)}
            value={field('startupMs')}
            onCommit={at('startupMs')}
            help="A new replica serves this long after it is asked for"
          />
          {nodes.length === 1 && policy !== MIXED ? (
            <CheapestPolicy worker={nodes[0]!} edit={edit} />
          ) : null}
        </>
      ) : null}
    </Group>
  );
}
