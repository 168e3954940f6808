import type { RunControl } from '../../shared/api/contract';
import { plural } from '../../shared/plural';
import type { ScenarioHost } from './scenario-player';

/** What a live control steers: the run's own queues, producers and workers. */
export interface ControlTargets extends Pick<
  ScenarioHost,
  'plan' | 'queues' | 'workers' | 'producers' | 'paused' | 'log'
> {
  /** A killed replica's active jobs come back as stalled within this (lock + stalled check). */
  stalledWithinMs: number;
}

/**
 * Carries out one live control of a running pipeline (pause, rate, concurrency, replicas,
 * failure injection; docs/architecture.md "Processes") and logs it. Returns null when done, or
 * why it could not be (an unknown node, Redis refusing).
 */
export async function applyControl(t: ControlTargets, control: RunControl): Promise<string | null> {
  const nodeName = (id: string) => t.plan.doc.nodes.find((n) => n.id === id)?.name ?? id;
  const unknown = (kind: string, id: string, known: Iterable<string>) =>
    `no ${kind} with id "${id}" in the running pipeline; ${kind}s: ${[...known].join(', ') || 'none'}`;
  try {
    switch (control.type) {
      case 'pause':
      case 'resume': {
        const q = t.queues.get(control.queueId);
        if (!q) return unknown('queue', control.queueId, t.queues.keys());
        if (control.type === 'pause') {
          await q.queue.pause();
          t.paused.add(control.queueId);
        } else {
          await q.queue.resume();
          t.paused.delete(control.queueId);
        }
        t.log('info', `queue "${q.plan.bullName}" ${control.type}d`, control.queueId);
        return null;
      }
      case 'rate': {
        const p = t.producers.get(control.producerId);
        if (!p) return unknown('producer', control.producerId, t.producers.keys());
        await p.setRate(control.ratePerSec);
        t.log('info', `producer "${nodeName(p.id)}" now at ${control.ratePerSec} jobs/s`, p.id);
        return null;
      }
      case 'concurrency': {
        const w = t.workers.get(control.workerId);
        if (!w) return unknown('worker', control.workerId, t.workers.keys());
        w.setConcurrency(control.concurrency);
        t.log('info', `worker "${nodeName(w.id)}" concurrency set to ${control.concurrency}`, w.id);
        return null;
      }
      case 'killReplica': {
        const w = t.workers.get(control.workerId);
        if (!w) return unknown('worker', control.workerId, t.workers.keys());
        const killed = await w.kill(control.replica);
        t.log(
          'warn',
          `killed replica #${killed.index} of worker "${nodeName(w.id)}" with ${killed.activeJobs} active jobs; ` +
            `they come back as stalled within ~${Math.round(t.stalledWithinMs / 1000)} s (${plural(w.alive, 'replica')} left)`,
          w.id,
        );
        return null;
      }
      case 'startReplica': {
        const w = t.workers.get(control.workerId);
        if (!w) return unknown('worker', control.workerId, t.workers.keys());
        const started = await w.startReplica();
        t.log(
          'info',
          `started replica #${started.index} of worker "${nodeName(w.id)}" (${w.alive} alive)`,
          w.id,
        );
        return null;
      }
      case 'failureRate': {
        const w = t.workers.get(control.workerId);
        if (!w) return unknown('worker', control.workerId, t.workers.keys());
        w.failureRate = control.failureRate;
        t.log(
          'info',
          `worker "${nodeName(w.id)}" now fails ${Math.round(control.failureRate * 1000) / 10}% of attempts`,
          w.id,
        );
        return null;
      }
    }
  } catch (error) {
    return (error as Error).message;
  }
}
