import type { LiveChange, RunControl } from '../../../shared/api/contract';
import type { PipelineDocument } from '../../../shared/document';
import { formatPercent } from '../../../shared/metrics/format';
import type { NodeChange } from '../../../shared/simulation';

/** A control the run accepted, at its time on the run's clock (ms since it started). */
export interface RecordedControl {
  atMs: number;
  control: RunControl;
}

const percent = (fraction: number) => formatPercent(fraction, 1);

/**
 * Turns the controls a run accepted into simulator changes with absolute values (a killed or
 * started replica becomes the count alive from then on) and a plain description of each.
 */
export function liveChanges(
  document: PipelineDocument,
  recorded: readonly RecordedControl[],
): LiveChange[] {
  const alive = new Map<string, number>();
  return recorded.map(({ atMs, control }) => {
    const nodeId =
      'queueId' in control
        ? control.queueId
        : 'producerId' in control
          ? control.producerId
          : control.workerId;
    const node = document.nodes.find((n) => n.id === nodeId);
    const nodeName = node?.name ?? nodeId;
    let change: NodeChange;
    let what: string;
    switch (control.type) {
      case 'pause':
      case 'resume':
        change = { type: control.type };
        what = control.type === 'pause' ? 'paused' : 'resumed';
        break;
      case 'rate':
        change = { type: 'rate', ratePerSec: control.ratePerSec };
        what =
          control.ratePerSec === 0
            ? 'stopped (rate 0)'
            : `rate set to ${control.ratePerSec} jobs/s`;
        break;
      case 'concurrency':
        change = { type: 'concurrency', concurrency: control.concurrency };
        what = `concurrency set to ${control.concurrency} per replica`;
        break;
      case 'failureRate':
        change = { type: 'failureRate', failureRate: control.failureRate };
        what = `failure rate set to ${percent(control.failureRate)} of attempts`;
        break;
      case 'killReplica':
      case 'startReplica': {
        const before = alive.get(nodeId) ?? (node?.kind === 'worker' ? node.config.replicas : 0);
        const after = control.type === 'killReplica' ? Math.max(0, before - 1) : before + 1;
        alive.set(nodeId, after);
        change = { type: 'replicas', replicas: after };
        what =
          control.type === 'killReplica'
            ? `a replica killed: ${after} alive${after === 0 ? ' (down)' : ''}`
            : `a replica started: ${after} alive`;
        break;
      }
    }
    const kind = node?.kind ?? 'node';
    return { atMs, nodeId, change, nodeName, what, description: `${kind} "${nodeName}": ${what}` };
  });
}

/** `m:ss` on the run's clock, as the log shows times. */
export function formatChangeTime(atMs: number): string {
  const s = Math.max(0, Math.floor(atMs / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
