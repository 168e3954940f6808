import { POLICY_FAIL_PARENT, POLICY_IGNORE, POLICY_WAIT, type FanOutModel } from './flow-model';
import { JobFlow, notifyWatches } from './job-flow';
import type { WorkerState } from './stations';

/**
 * BullMQ flows in the engine (docs/architecture.md "Flows"): a completed job of a worker with a
 * fan-out adds one parent job to the parent queue, in `waiting-children` (in no list, counted in
 * the queue's `waitingChildren`), and N children to each children queue. The parent moves to the
 * back of its waiting list when every child is done; a child that fails for good applies its
 * policy: the parent keeps waiting (BullMQ's default), fails, or stops waiting for it (ignore,
 * remove). A child whose own worker fans out hands its place to its parent's dependency: the
 * outer parent waits for the inner flow's parent, so flows nest.
 */

interface Parent {
  job: number;
  queue: number;
  pending: number;
  /** Released to waiting, or failed: later children change nothing. */
  settled: boolean;
}

/** A job some parent waits for, and what its failure does to that parent. */
interface Dependency {
  parent: Parent;
  policy: number;
}

export abstract class FlowJobs extends JobFlow {
  /** Pool index of each job a parent waits for (a child, or the parent of a nested flow). */
  private readonly dependencies = new Map<number, Dependency>();
  /** Children that failed for good and were ignored or removed (by policy), since the start. */
  ignoredChildren = 0;
  removedChildren = 0;

  protected init(): void {
    const fanOuts = this.model.fanOuts;
    this.flowing = fanOuts.some((f) => f !== undefined);
    for (const f of fanOuts) if (f) this.queues[f.parentQueue]!.join = true;
  }

  protected override flowEnded(job: number, w: WorkerState, t: number, completed: boolean): void {
    const dependency = this.dependencies.get(job);
    if (dependency) this.dependencies.delete(job);
    if (!completed) {
      if (dependency) this.childFailed(dependency, t);
      return;
    }
    const fanOut = this.model.fanOuts[w.index];
    if (fanOut) this.fanOut(job, fanOut, t, dependency);
    else if (dependency) this.childDone(dependency.parent, t);
  }

  private fanOut(job: number, fanOut: FanOutModel, t: number, outer: Dependency | undefined) {
    const chain = this.jobs.chain[job]!;
    const q = this.queues[fanOut.parentQueue]!;
    const parentJob = this.allocJob(q, chain, 0, false);
    this.edgeCounts[fanOut.parentEdge]!++;
    if (this.tracer) this.tracer.added(parentJob, t, 0, -1, job);
    // Nested: whoever waited for this job now waits for the flow's parent instead.
    if (outer) this.dependencies.set(parentJob, outer);
    const counts = fanOut.children.map((c) =>
      c.max === c.min ? c.min : c.min + Math.floor(this.random.next() * (c.max - c.min + 1)),
    );
    const parent: Parent = { job: parentJob, queue: q.index, pending: 0, settled: false };
    for (const n of counts) parent.pending += n;
    if (parent.pending === 0) {
      // BullMQ adds a parent without children straight to its waiting list.
      parent.settled = true;
      this.makeWaiting(parentJob, q, t, false);
      if (q.watches.length > 0) notifyWatches(q, t);
      return;
    }
    q.waitingChildrenLevel.set(t, ++q.waitingChildren);
    fanOut.children.forEach((c, i) => {
      const child = this.queues[c.queue]!;
      for (let k = 0; k < counts[i]!; k++) {
        this.edgeCounts[c.edge]!++;
        const added = this.addJob(child, chain, t, 0, 0, false, -1, job);
        this.dependencies.set(added, { parent, policy: c.policy });
      }
    });
  }

  private childDone(parent: Parent, t: number): void {
    if (parent.settled || --parent.pending > 0) return;
    parent.settled = true;
    const q = this.queues[parent.queue]!;
    q.waitingChildrenLevel.set(t, --q.waitingChildren);
    this.makeWaiting(parent.job, q, t, false);
    if (q.watches.length > 0) notifyWatches(q, t);
  }

  private childFailed({ parent, policy }: Dependency, t: number): void {
    if (parent.settled || policy === POLICY_WAIT) return;
    if (policy !== POLICY_FAIL_PARENT) {
      if (policy === POLICY_IGNORE) this.ignoredChildren++;
      else this.removedChildren++;
      this.childDone(parent, t);
      return;
    }
    // failParentOnFailure: the parent fails without running; its own dependency sees a failure.
    parent.settled = true;
    const q = this.queues[parent.queue]!;
    q.waitingChildrenLevel.set(t, --q.waitingChildren);
    q.failed++;
    const outer = this.dependencies.get(parent.job);
    if (outer) this.dependencies.delete(parent.job);
    this.endJob(parent.job, t, false);
    if (outer) this.childFailed(outer, t);
  }
}
