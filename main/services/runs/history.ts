import type { RedisFigures, RunLogEntry, RunSnapshotEvent } from '../../../shared/api/contract';
import type { RecordedControl } from './changes';

/** One point of the charts a report draws: backlog per queue, throughput per worker. */
export interface HistoryPoint {
  t: number;
  /** waiting + delayed per queue id. */
  depth: Record<string, number>;
  /** Completions per second per worker id. */
  throughput: Record<string, number>;
  redis: RedisFigures | null;
}

const MAX_POINTS = 2000;
const MAX_LOG = 1000;
/** Controls kept for the report and the replayed prediction (a person steers far fewer). */
const MAX_CHANGES = 10_000;

/**
 * What a run leaves for its report, in bounded memory however long it runs: chart points are
 * thinned by half whenever they reach MAX_POINTS (the chart keeps its shape, the resolution
 * coarsens), and only the last MAX_LOG log lines are kept.
 */
export class RunHistory {
  readonly points: HistoryPoint[] = [];
  readonly log: RunLogEntry[] = [];
  /** Controls the run accepted, in order, for the report and its prediction. */
  readonly changes: RecordedControl[] = [];
  /** Only every `stride`-th snapshot is kept once thinning has begun. */
  private stride = 1;
  private seen = 0;
  last: RunSnapshotEvent | null = null;

  addSnapshot(event: RunSnapshotEvent): void {
    this.last = event;
    if (this.seen++ % this.stride !== 0) return;
    const depth: Record<string, number> = {};
    const throughput: Record<string, number> = {};
    for (const [id, figures] of Object.entries(event.snapshot.nodes)) {
      if (figures.kind === 'queue') depth[id] = figures.waiting + figures.delayed;
      else if (figures.kind === 'worker') throughput[id] = figures.throughputPerSec;
    }
    this.points.push({ t: event.snapshot.t, depth, throughput, redis: event.redis });
    if (this.points.length >= MAX_POINTS) {
      for (let i = 0; i < this.points.length / 2; i++) this.points[i] = this.points[2 * i]!;
      this.points.length = Math.floor(this.points.length / 2);
      this.stride *= 2;
    }
  }

  addChange(change: RecordedControl): void {
    if (this.changes.length < MAX_CHANGES) this.changes.push(change);
  }

  addLog(entry: RunLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }
}
