/**
 * Pooled records over typed arrays (struct of arrays): a job or a chain is an integer index, and a
 * finished one's index is reused, so memory follows the jobs in the system, not the jobs ever
 * created. The arrays are replaced when they grow: read them through the pool, never cache them
 * across an `alloc()`.
 */

abstract class Pool {
  private free: Int32Array;
  private freeCount = 0;
  private high = 0;
  protected capacity: number;
  /** Records in use. */
  inUse = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.free = new Int32Array(capacity);
  }

  alloc(): number {
    this.inUse++;
    if (this.freeCount > 0) return this.free[--this.freeCount]!;
    if (this.high === this.capacity) {
      const next = this.capacity * 2;
      this.resize(next);
      const free = new Int32Array(next);
      free.set(this.free);
      this.free = free;
      this.capacity = next;
    }
    return this.high++;
  }

  release(index: number): void {
    this.inUse--;
    this.free[this.freeCount++] = index;
  }

  /** Grows every field array to `capacity`, keeping contents. */
  protected abstract resize(capacity: number): void;
}

const growF64 = (a: Float64Array, n: number) => {
  const b = new Float64Array(n);
  b.set(a);
  return b;
};
const growI32 = (a: Int32Array, n: number) => {
  const b = new Int32Array(n);
  b.set(a);
  return b;
};

/** One job in the system: where it is, what it is part of, how far it got. */
export class JobPool extends Pool {
  queue: Int32Array;
  chain: Int32Array;
  worker: Int32Array;
  attemptsMade: Int32Array;
  priority: Int32Array;
  lifo: Int32Array;
  /** When it last entered `waiting` (timestamp + delay, or the end of its backoff). */
  readyAt: Float64Array;
  /** processedOn of the current attempt. */
  startedAt: Float64Array;
  /** A number unique over the run (the index is reused; this is not), for traces. */
  serial: Float64Array;

  constructor(capacity = 1024) {
    super(capacity);
    this.serial = new Float64Array(capacity);
    this.queue = new Int32Array(capacity);
    this.chain = new Int32Array(capacity);
    this.worker = new Int32Array(capacity);
    this.attemptsMade = new Int32Array(capacity);
    this.priority = new Int32Array(capacity);
    this.lifo = new Int32Array(capacity);
    this.readyAt = new Float64Array(capacity);
    this.startedAt = new Float64Array(capacity);
  }

  protected resize(n: number): void {
    this.queue = growI32(this.queue, n);
    this.chain = growI32(this.chain, n);
    this.worker = growI32(this.worker, n);
    this.attemptsMade = growI32(this.attemptsMade, n);
    this.priority = growI32(this.priority, n);
    this.lifo = growI32(this.lifo, n);
    this.readyAt = growF64(this.readyAt, n);
    this.startedAt = growF64(this.startedAt, n);
    this.serial = growF64(this.serial, n);
  }
}

/**
 * A chain: everything that follows from one producer arrival (its jobs in every target queue and
 * their descendants). It ends when none of its jobs is left; its end-to-end time runs from the
 * arrival to the last completion.
 */
export class ChainPool extends Pool {
  createdAt: Float64Array;
  /** Last completion in the chain, or -1 when none yet. */
  lastCompletedAt: Float64Array;
  outstanding: Int32Array;

  constructor(capacity = 1024) {
    super(capacity);
    this.createdAt = new Float64Array(capacity);
    this.lastCompletedAt = new Float64Array(capacity);
    this.outstanding = new Int32Array(capacity);
  }

  protected resize(n: number): void {
    this.createdAt = growF64(this.createdAt, n);
    this.lastCompletedAt = growF64(this.lastCompletedAt, n);
    this.outstanding = growI32(this.outstanding, n);
  }
}
