/**
 * The waiting jobs of one queue in BullMQ's order: jobs without a priority first, in a list taken
 * from the front (FIFO; a LIFO job is pushed to the front), then prioritized jobs, lower number
 * first and FIFO within one priority (BullMQ scores them priority × 2^32 + an insertion counter).
 */
export class WaitingJobs {
  private ring = new Int32Array(64);
  private head = 0;
  private plainCount = 0;
  private prio: PriorityJobs | null = null;
  /** A LIFO job was put at the front: the front is then not always the oldest plain job. */
  private fronted = false;
  /** All waiting jobs, plain and prioritized. */
  size = 0;

  /** Jobs without a priority: BullMQ's wait list (prioritized ones are in their own set). */
  get plain(): number {
    return this.plainCount;
  }

  /** Adds a job: at the back (FIFO) or the front (LIFO); `priority` > 0 goes by priority. */
  add(job: number, priority: number, front: boolean): void {
    this.size++;
    if (priority > 0) {
      (this.prio ??= new PriorityJobs()).push(job, priority);
      return;
    }
    if (this.plainCount === this.ring.length) this.grow();
    const mask = this.ring.length - 1;
    if (front) {
      this.fronted = true;
      this.head = (this.head - 1) & mask;
      this.ring[this.head] = job;
    } else {
      this.ring[(this.head + this.plainCount) & mask] = job;
    }
    this.plainCount++;
  }

  /** Removes and returns the job BullMQ would start next (-1 when empty). */
  take(): number {
    if (this.plainCount > 0) {
      const job = this.ring[this.head]!;
      this.head = (this.head + 1) & (this.ring.length - 1);
      this.plainCount--;
      this.size--;
      return job;
    }
    if (this.prio && this.prio.size > 0) {
      this.size--;
      return this.prio.pop();
    }
    return -1;
  }

  /**
   * The earliest `readyAt` of the waiting jobs (Infinity when there are none): the front of a FIFO
   * list; a scan once LIFO or prioritized jobs are in it (only asked when no job started lately).
   */
  oldestReadyAt(readyAt: Float64Array): number {
    let oldest = Infinity;
    if (this.plainCount > 0) {
      const mask = this.ring.length - 1;
      const scan = this.fronted ? this.plainCount : 1;
      for (let i = 0; i < scan; i++) {
        oldest = Math.min(oldest, readyAt[this.ring[(this.head + i) & mask]!]!);
      }
    }
    return this.prio ? Math.min(oldest, this.prio.oldestReadyAt(readyAt)) : oldest;
  }

  private grow(): void {
    const next = new Int32Array(this.ring.length * 2);
    const mask = this.ring.length - 1;
    for (let i = 0; i < this.plainCount; i++) next[i] = this.ring[(this.head + i) & mask]!;
    this.ring = next;
    this.head = 0;
  }
}

/** Min-heap of jobs by (priority, insertion order). */
class PriorityJobs {
  private priorities = new Int32Array(64);
  private seqs = new Float64Array(64);
  private jobs = new Int32Array(64);
  private counter = 0;
  size = 0;

  push(job: number, priority: number): void {
    if (this.size === this.jobs.length) this.grow();
    const seq = this.counter++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pp = this.priorities[parent]!;
      if (pp < priority || (pp === priority && this.seqs[parent]! < seq)) break;
      this.priorities[i] = pp;
      this.seqs[i] = this.seqs[parent]!;
      this.jobs[i] = this.jobs[parent]!;
      i = parent;
    }
    this.priorities[i] = priority;
    this.seqs[i] = seq;
    this.jobs[i] = job;
  }

  oldestReadyAt(readyAt: Float64Array): number {
    let oldest = Infinity;
    for (let i = 0; i < this.size; i++) oldest = Math.min(oldest, readyAt[this.jobs[i]!]!);
    return oldest;
  }

  pop(): number {
    const top = this.jobs[0]!;
    const last = --this.size;
    if (last === 0) return top;
    const priority = this.priorities[last]!;
    const seq = this.seqs[last]!;
    const job = this.jobs[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        (this.priorities[right]! < this.priorities[child]! ||
          (this.priorities[right] === this.priorities[child] &&
            this.seqs[right]! < this.seqs[child]!))
      ) {
        child = right;
      }
      const cp = this.priorities[child]!;
      if (priority < cp || (priority === cp && seq < this.seqs[child]!)) break;
      this.priorities[i] = cp;
      this.seqs[i] = this.seqs[child]!;
      this.jobs[i] = this.jobs[child]!;
      i = child;
    }
    this.priorities[i] = priority;
    this.seqs[i] = seq;
    this.jobs[i] = job;
    return top;
  }

  private grow(): void {
    const n = this.jobs.length * 2;
    const p = new Int32Array(n);
    const s = new Float64Array(n);
    const j = new Int32Array(n);
    p.set(this.priorities);
    s.set(this.seqs);
    j.set(this.jobs);
    this.priorities = p;
    this.seqs = s;
    this.jobs = j;
  }
}

/**
 * The idle slots of the workers sharing a queue, longest idle first — as Redis serves the workers
 * blocked on a queue in the order they started waiting, so jobs spread over the workers in
 * proportion to their slots. Runs of one worker's slots are stored as (worker, count) pairs, so
 * memory does not grow with concurrency.
 */
export class IdleSlots {
  private workers = new Int32Array(16);
  private counts = new Float64Array(16);
  private head = 0;
  private runs = 0;

  /** Adds `count` idle slots of a worker at the back. */
  put(worker: number, count = 1): void {
    const mask = this.workers.length - 1;
    if (this.runs > 0) {
      const last = (this.head + this.runs - 1) & mask;
      if (this.workers[last] === worker) {
        this.counts[last]! += count;
        return;
      }
    }
    if (this.runs === this.workers.length) this.grow();
    const at = (this.head + this.runs) & (this.workers.length - 1);
    this.workers[at] = worker;
    this.counts[at] = count;
    this.runs++;
  }

  /** Takes the longest-idle slot and returns its worker (-1 when none is idle). */
  take(): number {
    if (this.runs === 0) return -1;
    const worker = this.workers[this.head]!;
    if (--this.counts[this.head]! === 0) {
      this.head = (this.head + 1) & (this.workers.length - 1);
      this.runs--;
    }
    return worker;
  }

  /** Removes up to `count` idle slots of a worker (a lowered capacity); returns how many. */
  remove(worker: number, count: number): number {
    const mask = this.workers.length - 1;
    let removed = 0;
    const keep: Array<[number, number]> = [];
    for (let i = 0; i < this.runs; i++) {
      const at = (this.head + i) & mask;
      let n = this.counts[at]!;
      if (this.workers[at] === worker && removed < count) {
        const take = Math.min(n, count - removed);
        removed += take;
        n -= take;
      }
      if (n > 0) keep.push([this.workers[at]!, n]);
    }
    this.head = 0;
    this.runs = 0;
    for (const [w, n] of keep) this.put(w, n);
    return removed;
  }

  private grow(): void {
    const n = this.workers.length * 2;
    const workers = new Int32Array(n);
    const counts = new Float64Array(n);
    const mask = this.workers.length - 1;
    for (let i = 0; i < this.runs; i++) {
      workers[i] = this.workers[(this.head + i) & mask]!;
      counts[i] = this.counts[(this.head + i) & mask]!;
    }
    this.workers = workers;
    this.counts = counts;
    this.head = 0;
  }
}
