/**
 * The future event list: a binary min-heap over typed arrays (no object per event). Events are
 * ordered by time, then by the order they were scheduled, so simultaneous events run in a fixed,
 * reproducible order. Each event carries one 32-bit integer payload.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private payloads: Int32Array;
  private length = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.payloads = new Int32Array(initialCapacity);
  }

  get size(): number {
    return this.length;
  }

  /** Time of the earliest event (Infinity when empty). */
  peekTime(): number {
    return this.length > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, payload: number): void {
    if (this.length === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const seq = this.nextSeq++;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && seqs[parent]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent]!;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload; read its time with peekTime() first. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const top = payloads[0]!;
    const last = --this.length;
    if (last === 0) return top;
    const time = times[last]!;
    const seq = seqs[last]!;
    const payload = payloads[last]!;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child]!;
      let cs = seqs[child]!;
      const right = child + 1;
      if (right < last) {
        const rt = times[right]!;
        if (rt < ct || (rt === ct && seqs[right]! < cs)) {
          child = right;
          ct = rt;
          cs = seqs[right]!;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      payloads[i] = payloads[child]!;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    payloads[i] = payload;
    return top;
  }

  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const payloads = new Int32Array(capacity);
    times.set(this.times);
    seqs.set(this.seqs);
    payloads.set(this.payloads);
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
  }
}
