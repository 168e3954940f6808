import { formatPercent } from '../metrics/format';
import type { InferredEdge } from './observations';
import type { Creation, QueueSamples } from './samples';

export interface EdgeInferenceOptions {
  /** A job created in B this close (ms) to a job of A ending counts as caused by it. Default 50. */
  windowMs?: number;
  /** Standard deviations above chance the matches must reach. Default 5. */
  minZ?: number;
  /** And the matched share of B's jobs must exceed chance's by at least this. Default 0.1. */
  minMargin?: number;
}

export interface EdgeInference {
  edges: InferredEdge[];
  /** Per queue, the ids of its jobs an edge explains (they are not a producer's arrivals). */
  explained: Map<string, Set<string>>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function explain(explained: Map<string, Set<string>>, queue: string, id: string) {
  (explained.get(queue) ?? explained.set(queue, new Set()).get(queue)!).add(id);
}

/** A flow's child in B whose parent waits in A: B's worker finishing releases A's job. */
function fromParents(samples: ReadonlyMap<string, QueueSamples>, out: EdgeInference): void {
  const pairs = new Map<string, { children: number; parents: Set<string> }>();
  for (const [queue, s] of samples) {
    for (const c of s.created) {
      if (!c.parent || !samples.has(c.parent.queue)) continue;
      const key = `${queue}\u0000${c.parent.queue}`;
      const entry = pairs.get(key) ?? pairs.set(key, { children: 0, parents: new Set() }).get(key)!;
      entry.children += 1;
      entry.parents.add(c.parent.id);
      explain(out.explained, c.parent.queue, c.parent.id);
    }
  }
  for (const [key, { children, parents }] of pairs) {
    const [from, to] = key.split('\u0000') as [string, string];
    out.edges.push({
      from,
      to,
      probability: Math.min(1, parents.size / children),
      evidence: 'flow-parent',
      on: 'completed',
      matched: parents.size,
      detail: `${plural(parents.size, 'job')} in ${to} wait for ${plural(children, 'child job')} in ${from} (flow parents)`,
    });
  }
}

/** Jobs carrying one trace id: each follows the latest earlier job of the trace in another queue. */
function fromTraces(samples: ReadonlyMap<string, QueueSamples>, out: EdgeInference): void {
  const traces = new Map<string, { queue: string; job: Creation }[]>();
  for (const [queue, s] of samples) {
    for (const job of s.created) {
      if (job.traceId === undefined) continue;
      const list = traces.get(job.traceId) ?? traces.set(job.traceId, []).get(job.traceId)!;
      list.push({ queue, job });
    }
  }
  const pairs = new Map<string, number>();
  for (const list of traces.values()) {
    list.sort((a, b) => a.job.at - b.job.at);
    for (let i = 1; i < list.length; i++) {
      const { queue, job } = list[i]!;
      const before = list
        .slice(0, i)
        .reverse()
        .find((p) => p.queue !== queue && p.job.at <= job.at);
      if (!before) continue;
      const on = before.job.failed ? 'failed' : 'completed';
      const key = `${before.queue}\u0000${queue}\u0000${on}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
      explain(out.explained, queue, job.id);
    }
  }
  for (const [key, matched] of pairs) {
    const [from, to, on] = key.split('\u0000') as [string, string, 'completed' | 'failed'];
    const ends =
      on === 'failed' ? samples.get(from)!.failedAt.length : samples.get(from)!.completedAt.length;
    out.edges.push({
      from,
      to,
      probability: ends > 0 ? Math.min(1, matched / ends) : 1,
      evidence: 'trace-id',
      on,
      matched,
      detail: `${plural(matched, 'job')} in ${to} carry the trace id of a job that ${on} in ${from}`,
    });
  }
}

/**
 * Share of [lo, hi] inside some [f − before, f + after] of sorted `ends`: the chance that a time
 * unrelated to the ends matches one.
 */
function coverage(
  ends: readonly number[],
  before: number,
  after: number,
  lo: number,
  hi: number,
): number {
  if (hi <= lo) return 1;
  let covered = 0;
  let reach = -Infinity;
  for (const f of ends) {
    const a = Math.max(lo, f - before, reach);
    const b = Math.min(hi, f + after);
    if (b > a) covered += b - a;
    reach = Math.max(reach, b);
  }
  return Math.min(1, covered / (hi - lo));
}

/** Index of the first value >= x in a sorted array. */
function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A job in B created within `windowMs` of a job of A ending, far more often than chance: the share
 * of the time such a window covers is what chance alone would match, so the matches must exceed
 * it by `minZ` binomial standard deviations and by `minMargin` of B's jobs. The probability is the
 * matches beyond chance per job of A that ended that way.
 */
function fromTiming(
  samples: ReadonlyMap<string, QueueSamples>,
  options: Required<EdgeInferenceOptions>,
  out: EdgeInference,
): void {
  const found: { z: number; ids: string[]; edge: InferredEdge }[] = [];
  const taken = new Set(out.edges.map((e) => `${e.from}\u0000${e.to}\u0000${e.on ?? 'completed'}`));
  for (const [to, target] of samples) {
    const open = target.created.filter((c) => !out.explained.get(to)?.has(c.id));
    if (open.length === 0) continue;
    const times = open.map((c) => c.at);
    for (const [from, source] of samples) {
      if (from === to) continue;
      for (const on of ['completed', 'failed'] as const) {
        if (taken.has(`${from}\u0000${to}\u0000${on}`)) continue;
        const ends = [...(on === 'completed' ? source.completedAt : source.failedAt)].sort(
          (a, b) => a - b,
        );
        if (ends.length === 0) continue;
        // Within a short window of each end: a tenth of the mean gap between ends (at least
        // 10 ms, at most the option), so chance stays well below certainty at high rates.
        const meanGap = (ends[ends.length - 1]! - ends[0]!) / Math.max(1, ends.length - 1);
        const w = Math.min(options.windowMs, Math.max(10, meanGap / 10));
        // A handler adds B's job before its own ends (finishedOn is set after it returns: 0-2 ms
        // on a quiet host, up to ~15 ms under load on a real deployment); a listener on
        // `completed` adds it just after. Long before the end is no cause: a job of B created
        // well before A's job ended may rather have caused it.
        const before = Math.min(options.windowMs, 20);
        const lo = Math.min(
          times.reduce((a, b) => Math.min(a, b)),
          ends[0]!,
        );
        const hi = Math.max(
          times.reduce((a, b) => Math.max(a, b)),
          ends[ends.length - 1]!,
        );
        const p0 = coverage(ends, before, w, lo, hi);
        const matched = open.filter((c) => {
          const i = lowerBound(ends, c.at - w);
          return i < ends.length && ends[i]! <= c.at + before;
        });
        const n = open.length;
        const expected = p0 * n;
        const sd = Math.sqrt(Math.max(n * p0 * (1 - p0), 1e-9));
        const z = (matched.length - expected) / sd;
        if (matched.length < 5 || z < options.minZ || matched.length / n < p0 + options.minMargin)
          continue;
        // A share q of B's jobs is caused (always matched), the rest match by chance (p0):
        // matched / n = q + (1 − q) p0, so q = (matched / n − p0) / (1 − p0).
        const caused = (n * (matched.length / n - p0)) / Math.max(1e-9, 1 - p0);
        const probability = Math.min(1, Math.max(0, caused / ends.length));
        found.push({
          z,
          ids: matched.map((c) => c.id),
          edge: {
            from,
            to,
            probability,
            evidence: 'timing',
            on,
            matched: matched.length,
            expectedByChance: expected,
            detail:
              `${matched.length} of ${n} jobs in ${to} were created from ${before} ms before to ${w} ms after a job ${on} in ` +
              `${from}; chance alone would give ${expected.toFixed(1)} (${formatPercent(p0, 1)} of the time is that close)`,
          },
        });
      }
    }
  }
  // Short stages match both ways (B's job ends soon after A's was created); the stronger
  // direction is the cause.
  for (const f of found) {
    const reverse = found.find((g) => g.edge.from === f.edge.to && g.edge.to === f.edge.from);
    if (reverse && reverse.z > f.z) continue;
    for (const id of f.ids) explain(out.explained, f.edge.to, id);
    out.edges.push(f.edge);
  }
}

/** Edges between queues, from flow parents, trace ids and, for the rest, timing. */
export function inferEdges(
  samples: ReadonlyMap<string, QueueSamples>,
  options: EdgeInferenceOptions = {},
): EdgeInference {
  const resolved = { windowMs: 50, minZ: 5, minMargin: 0.1, ...options };
  const out: EdgeInference = { edges: [], explained: new Map() };
  fromParents(samples, out);
  fromTraces(samples, out);
  fromTiming(samples, resolved, out);
  return out;
}
