/**
 * The newest `size` finished jobs of each queue, in one final state: rings over typed arrays
 * (record `queue × size + slot`), so recording a job is a few stores and no allocation.
 */
export class FinishedJobs {
  readonly serial: Float64Array;
  readonly producer: Int32Array;
  readonly fromWorker: Int32Array;
  readonly worker: Int32Array;
  readonly attemptsMade: Int32Array;
  readonly addedAt: Float64Array;
  readonly delayMs: Float64Array;
  readonly backoffMs: Float64Array;
  readonly processedAt: Float64Array;
  readonly finishedAt: Float64Array;
  readonly failureRate: Float64Array;
  /** Queues its end added jobs to: up to `fanOut` per record. */
  readonly next: Int32Array;
  readonly nextCount: Int32Array;
  private readonly head: Int32Array;
  private readonly count: Int32Array;

  constructor(
    queues: number,
    private readonly size: number,
    private readonly fanOut: number,
  ) {
    const n = queues * size;
    this.serial = new Float64Array(n);
    this.producer = new Int32Array(n);
    this.fromWorker = new Int32Array(n);
    this.worker = new Int32Array(n);
    this.attemptsMade = new Int32Array(n);
    this.addedAt = new Float64Array(n);
    this.delayMs = new Float64Array(n);
    this.backoffMs = new Float64Array(n);
    this.processedAt = new Float64Array(n);
    this.finishedAt = new Float64Array(n);
    this.failureRate = new Float64Array(n);
    this.next = new Int32Array(n * fanOut);
    this.nextCount = new Int32Array(n);
    this.head = new Int32Array(queues);
    this.count = new Int32Array(queues);
  }

  /** The record to overwrite with queue `q`'s newest job: its oldest one once the ring is full. */
  claim(q: number): number {
    const slot = this.head[q]!;
    this.head[q] = slot + 1 === this.size ? 0 : slot + 1;
    if (this.count[q]! < this.size) this.count[q]!++;
    const record = q * this.size + slot;
    this.nextCount[record] = 0;
    return record;
  }

  addNext(record: number, queue: number): void {
    const n = this.nextCount[record]!;
    if (n < this.fanOut) {
      this.next[record * this.fanOut + n] = queue;
      this.nextCount[record] = n + 1;
    }
  }

  nextOf(record: number): number[] {
    const from = record * this.fanOut;
    return Array.from(this.next.subarray(from, from + this.nextCount[record]!));
  }

  /** Queue `q`'s records, newest first. */
  newestFirst(q: number): number[] {
    const n = this.count[q]!;
    const head = this.head[q]!;
    return Array.from(
      { length: n },
      (_, i) => q * this.size + ((head - 1 - i + this.size) % this.size),
    );
  }
}
