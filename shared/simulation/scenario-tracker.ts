import type { ScenarioEvent } from '../document/schema';
import type { ScenarioEventFigures } from '../metrics/types';
import type { SimulationModel } from './model';
import { eventEndMs } from './scenario';
import { EventWatch } from './scenario-watch';
import type { QueueState, WorkerState } from './stations';

/**
 * The per-event figures of a document's scenario (docs/architecture.md "Scenarios"): the engine
 * marks each scenario change before applying it (`mark`), which opens the event's watch at its
 * start; the stations tell the watches about their backlogs and failures (job-flow.ts).
 */
export class ScenarioTracker {
  private readonly events: readonly ScenarioEvent[];
  private readonly watches: (EventWatch | undefined)[] = [];
  private readonly queueIds: string[][] = [];

  constructor(
    private readonly model: SimulationModel,
    private readonly queues: readonly QueueState[],
    private readonly workers: readonly WorkerState[],
    private readonly edgeCounts: Float64Array,
  ) {
    this.events = model.doc.scenario?.events ?? [];
  }

  /** A change of scenario event `index` applies at `t`: its start opens the watch. */
  mark(index: number, t: number): void {
    const open = this.watches[index];
    if (open) {
      open.observe(t);
      return;
    }
    const event = this.events[index];
    if (!event) return;
    const { queues, workers } = this.affected(event);
    const watch = new EventWatch(t, eventEndMs(event), queues, workers, this.edgeCounts, (w) => {
      for (const q of queues) remove(q.watches, w);
      for (const k of workers) remove(k.watches, w);
    });
    for (const q of queues) q.watches.push(watch);
    for (const k of workers) k.watches.push(watch);
    this.watches[index] = watch;
    this.queueIds[index] = queues.map((q) => q.model.node.id);
  }

  /** The run ended at `t`. */
  finish(t: number): void {
    for (const watch of this.watches) watch?.finish(t);
  }

  /** What each event that started did, in the scenario's order. */
  figures(): ScenarioEventFigures[] {
    const out: ScenarioEventFigures[] = [];
    this.events.forEach((event, i) => {
      const watch = this.watches[i];
      if (watch) out.push(eventFigures(event, watch, this.queueIds[i] ?? []));
    });
    return out;
  }

  /** The queues whose backlog an event moves, and the workers whose jobs it touches. */
  private affected(event: ScenarioEvent): { queues: QueueState[]; workers: WorkerState[] } {
    const station = this.model.order.find((o) => o.id === event.nodeId);
    if (!station) return { queues: [], workers: [] };
    if (station.kind === 'worker') {
      const w = this.workers[station.index]!;
      const q = w.model.queue >= 0 ? this.queues[w.model.queue] : undefined;
      return { queues: q ? [q] : [], workers: [w] };
    }
    const queues =
      station.kind === 'queue'
        ? [this.queues[station.index]!]
        : [
            ...new Set(
              this.model.producers[station.index]!.targets.map((r) => this.queues[r.queue]!),
            ),
          ];
    return { queues, workers: [...new Set(queues.flatMap((q) => q.consumers))] };
  }
}

/**
 * What a closed (or still open) watch measured, as the summary reports it: shared by the
 * simulator and a real run (main/runner/scenario-measure.ts), which watch events alike.
 */
export function eventFigures(
  event: ScenarioEvent,
  watch: EventWatch,
  queues: string[],
): ScenarioEventFigures {
  const counts = watch.window();
  const drained = !Number.isNaN(watch.drainedAtMs);
  return {
    id: event.id,
    ...(event.name === undefined ? {} : { name: event.name }),
    nodeId: event.nodeId,
    change: event.change.type,
    atMs: watch.startMs,
    ...(Number.isFinite(watch.endMs) ? { endMs: watch.endMs } : {}),
    queues,
    backlogBefore: watch.baseline,
    peakBacklog: watch.peak,
    peakAtMs: watch.peakAtMs,
    ...(drained
      ? { drainedAtMs: watch.drainedAtMs, drainMs: watch.drainedAtMs - watch.endMs }
      : {}),
    attempts: counts.attempts,
    retries: counts.retries,
    jobsEnded: counts.ended,
    attemptsPerJob: counts.ended > 0 ? counts.attempts / counts.ended : 0,
    failed: counts.failed,
    deadLettered: counts.deadLettered,
    ...(Number.isNaN(watch.firstFailedAtMs)
      ? {}
      : { firstFailedAtMs: watch.firstFailedAtMs, lastFailedAtMs: watch.lastFailedAtMs }),
  };
}

function remove<T>(list: T[], item: T): void {
  const at = list.indexOf(item);
  if (at >= 0) list.splice(at, 1);
}
