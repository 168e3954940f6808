/**
 * A log-linear histogram of non-negative values in milliseconds (HDR-style): fixed relative
 * precision, memory independent of the number of samples. Values are kept at microsecond
 * resolution; below 256 µs every microsecond has its own bucket, above that each power of two is
 * split into 128 linear sub-buckets, so a bucket is at most 1/128 (0.78 %) of its value wide and a
 * reported percentile (the bucket midpoint, clamped to the observed min/max) is within 0.4 % of a
 * recorded value. The count array grows only as far as the largest value seen (≤ 64 KB).
 *
 * Used by both the simulator and the real runner, so their percentiles agree by construction.
 */

const SUB_BITS = 7;
const SUB_COUNT = 1 << SUB_BITS; // 128 linear sub-buckets per power of two
const LINEAR_LIMIT = SUB_COUNT * 2; // values below 256 µs are exact to the microsecond
const UNITS_PER_MS = 1000;
const TWO_POW_32 = 4_294_967_296;
const INITIAL_BUCKETS = 1024; // covers values up to ~33 ms before the first growth

/** Bucket index of a value in microseconds (a non-negative integer). */
function indexOf(units: number): number {
  if (units < LINEAR_LIMIT) return units;
  const msb = units < TWO_POW_32 ? 31 - Math.clz32(units) : Math.floor(Math.log2(units));
  const shift = msb - SUB_BITS;
  const sub = units < TWO_POW_32 ? units >>> shift : Math.floor(units / 2 ** shift);
  return LINEAR_LIMIT + (shift - 1) * SUB_COUNT + (sub - SUB_COUNT);
}

/** Midpoint (in microseconds) of the values a bucket holds. */
function midpointOf(index: number): number {
  // Bucket 0 holds [0, 1 µs): report 0, so jobs that never waited show a wait of exactly 0.
  if (index === 0) return 0;
  if (index < LINEAR_LIMIT) return index + 0.5;
  const k = index - LINEAR_LIMIT;
  const shift = Math.floor(k / SUB_COUNT) + 1;
  const sub = SUB_COUNT + (k % SUB_COUNT);
  const width = 2 ** shift;
  return sub * width + width / 2;
}

/** Buckets per group: the per-group totals let a percentile skip whole groups. */
const GROUP_BITS = 7;

export class LogHistogram {
  private counts = new Float64Array(INITIAL_BUCKETS);
  private groups = new Float64Array(INITIAL_BUCKETS >> GROUP_BITS);
  private total = 0;
  private sumMs = 0;
  private minMs = Infinity;
  private maxMs = 0;
  /** Highest bucket index in use + 1, so scans and resets touch only what was used. */
  private used = 0;

  /** Adds one value (ms). Negative values (clock skew) count as 0; NaN is ignored. */
  record(valueMs: number): void {
    // The hot path of every simulation: recordMany's work for a count of 1, without the call.
    if (!(valueMs === valueMs)) return;
    const v = valueMs > 0 ? valueMs : 0;
    const index = indexOf(Math.floor(v * UNITS_PER_MS));
    if (index >= this.counts.length) this.grow(index);
    this.counts[index]!++;
    this.groups[index >> GROUP_BITS]!++;
    if (index >= this.used) this.used = index + 1;
    this.total++;
    this.sumMs += v;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  /** Adds `count` copies of a value. */
  recordMany(valueMs: number, count: number): void {
    if (!(valueMs === valueMs) || count <= 0) return;
    const v = valueMs > 0 ? valueMs : 0;
    const index = indexOf(Math.floor(v * UNITS_PER_MS));
    if (index >= this.counts.length) this.grow(index);
    this.counts[index]! += count;
    this.groups[index >> GROUP_BITS]! += count;
    if (index >= this.used) this.used = index + 1;
    this.total += count;
    this.sumMs += v * count;
    if (v < this.minMs) this.minMs = v;
    if (v > this.maxMs) this.maxMs = v;
  }

  /** Adds every value of another histogram. */
  merge(other: LogHistogram): void {
    if (other.total === 0) return;
    if (other.used > this.counts.length) this.grow(other.used - 1);
    for (let i = 0; i < other.used; i++) this.counts[i]! += other.counts[i]!;
    for (let g = 0; g <= (other.used - 1) >> GROUP_BITS; g++) this.groups[g]! += other.groups[g]!;
    if (other.used > this.used) this.used = other.used;
    this.total += other.total;
    this.sumMs += other.sumMs;
    if (other.minMs < this.minMs) this.minMs = other.minMs;
    if (other.maxMs > this.maxMs) this.maxMs = other.maxMs;
  }

  /** Forgets every value (keeps the memory). */
  reset(): void {
    this.counts.fill(0, 0, this.used);
    this.groups.fill(0, 0, ((this.used - 1) >> GROUP_BITS) + 1);
    this.used = 0;
    this.total = 0;
    this.sumMs = 0;
    this.minMs = Infinity;
    this.maxMs = 0;
  }

  get count(): number {
    return this.total;
  }
  /** Exact mean of the recorded values; 0 when empty. */
  get mean(): number {
    return this.total === 0 ? 0 : this.sumMs / this.total;
  }
  get sum(): number {
    return this.sumMs;
  }
  /** Exact largest value; 0 when empty. */
  get max(): number {
    return this.maxMs;
  }
  /** Exact smallest value; 0 when empty. */
  get min(): number {
    return this.total === 0 ? 0 : this.minMs;
  }

  /**
   * The value below which `percent` % of the recorded values fall (nearest rank), within 0.4 %;
   * 0 when empty. `percent` is in [0, 100].
   */
  percentile(percent: number): number {
    if (this.total === 0) return 0;
    if (percent >= 100) return this.maxMs;
    const rank = Math.max(1, Math.ceil((Math.max(0, percent) / 100) * this.total));
    return this.valueAtRank(rank);
  }

  /** Several percentiles (each in [0, 100]). */
  percentiles(percents: readonly number[]): number[] {
    return percents.map((p) => this.percentile(p));
  }

  /** The bucket value holding the rank-th smallest value: whole groups first, then buckets. */
  private valueAtRank(rank: number): number {
    let seen = 0;
    const lastGroup = (this.used - 1) >> GROUP_BITS;
    let g = 0;
    while (g < lastGroup && seen + this.groups[g]! < rank) seen += this.groups[g++]!;
    const end = Math.min(this.used, (g + 1) << GROUP_BITS);
    for (let i = g << GROUP_BITS; i < end; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const value = midpointOf(i) / UNITS_PER_MS;
        return Math.min(this.maxMs, Math.max(this.minMs, value));
      }
    }
    return this.maxMs;
  }

  private grow(index: number): void {
    let length = this.counts.length;
    while (length <= index) length *= 2;
    const next = new Float64Array(length);
    next.set(this.counts.subarray(0, this.used));
    this.counts = next;
    const groups = new Float64Array(length >> GROUP_BITS);
    groups.set(this.groups);
    this.groups = groups;
  }
}
