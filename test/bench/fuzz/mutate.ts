/** Mutations of pipeline documents (as plain JSON) for the engine fuzz run. Deterministic per seed. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export class Rng {
  constructor(private state: number) {}
  /** mulberry32: small, fast, good enough to pick mutations. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** Numbers at the edges: 0, negatives, huge, tiny, not-quite-numbers. */
const EXTREMES: Json[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  1e-300,
  1e-9,
  2 ** 31,
  2 ** 53 + 2,
  1e9,
  1e12,
  1e308,
  -1e308,
  'NaN',
  'Infinity',
  '1e999',
  '',
  '12',
  null,
  true,
  [],
  {},
];
/** Extremes most fields accept: the documents still parse and reach the engines. */
const VALID_EXTREMES: Json[] = [0, 1, 1e-9, 1e-300, 1e6, 1e9, 1e12, 1e300, 2 ** 31 - 1];
const STRINGS: Json[] = [
  '',
  ' ',
  'x'.repeat(5000),
  '\uFFFD',
  '\u0000',
  '\ud800',
  '../../etc/passwd',
  'a:b',
  '{}',
  '*/5 * * * * *',
  '0 0 31 2 *',
  'every',
  'fixed',
  'failed',
  'completed',
];
const SERVICES: Json[] = [
  { type: 'fixed', ms: 0 },
  { type: 'uniform', minMs: 0, maxMs: 0 },
  { type: 'normal', meanMs: 0, stdDevMs: 0 },
  { type: 'exponential', meanMs: 1e-9 },
  { type: 'fixed', ms: 1e9 },
];
const ARRIVALS: Json[] = [
  { type: 'constant', ratePerSec: 1e6 },
  { type: 'poisson', ratePerSec: 1e9 },
  { type: 'burst', size: 10_000_000, everyMs: 1 },
  { type: 'ramp', fromPerSec: 0, toPerSec: 1e7, overMs: 1 },
  { type: 'schedule', everyMs: 1e-6 },
];

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every (container, key) pair in the value, for picking a random place to change. */
function places(root: Json): Array<[Obj | Json[], string | number]> {
  const out: Array<[Obj | Json[], string | number]> = [];
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const v = stack.pop()!;
    const entries: Array<[string | number, Json]> = Array.isArray(v)
      ? v.map((c, i) => [i, c])
      : isObj(v)
        ? Object.entries(v)
        : [];
    for (const [k, c] of entries) {
      out.push([v as Obj | Json[], k]);
      stack.push(c);
    }
  }
  return out;
}

const nodes = (doc: Obj): Obj[] => (Array.isArray(doc.nodes) ? doc.nodes.filter(isObj) : []);
const edges = (doc: Obj): Json[] => (Array.isArray(doc.edges) ? doc.edges : []);

const MUTATIONS: Array<(doc: Obj, rng: Rng) => void> = [
  // A number (or any leaf) to an extreme.
  (doc, rng) => {
    const all = places(doc).filter(([c, k]) => typeof (c as Obj)[k as string] === 'number');
    if (all.length === 0) return;
    const [c, k] = rng.pick(all);
    (c as Obj)[k as string] = rng.pick(rng.next() < 0.6 ? VALID_EXTREMES : EXTREMES);
  },
  (doc, rng) => {
    const all = places(doc);
    if (all.length === 0) return;
    const [c, k] = rng.pick(all);
    (c as Obj)[k as string] = rng.pick([...EXTREMES, ...STRINGS]);
  },
  // Delete a field, a node or an edge.
  (doc, rng) => {
    const all = places(doc);
    if (all.length === 0) return;
    const [c, k] = rng.pick(all);
    if (Array.isArray(c)) c.splice(k as number, 1);
    else delete c[k];
  },
  (doc, rng) => {
    const list = doc.nodes;
    if (!Array.isArray(list) || list.length === 0) return;
    const [gone] = list.splice(rng.int(list.length), 1);
    // Mostly its edges go too (a document that still parses); sometimes they dangle.
    if (isObj(gone) && Array.isArray(doc.edges) && rng.next() < 0.8) {
      doc.edges = doc.edges.filter((e) => !isObj(e) || (e.from !== gone.id && e.to !== gone.id));
    }
  },
  (doc, rng) => {
    const list = doc.edges;
    if (Array.isArray(list) && list.length > 0) list.splice(rng.int(list.length), 1);
  },
  // Duplicate a node or an edge, sometimes keeping its id.
  (doc, rng) => {
    const list = nodes(doc);
    if (list.length === 0) return;
    const copy = structuredClone(rng.pick(list));
    if (rng.next() < 0.8) copy.id = `${String(copy.id)}-copy${rng.int(1000)}`;
    (doc.nodes as Json[]).push(copy);
  },
  (doc, rng) => {
    const list = edges(doc);
    if (list.length === 0) return;
    const copy = structuredClone(rng.pick(list));
    if (isObj(copy) && rng.next() < 0.8) copy.id = `${String(copy.id)}-copy${rng.int(1000)}`;
    list.push(copy);
  },
  // An edge between two random nodes: cycles, fan-outs, illegal kinds.
  (doc, rng) => {
    const list = nodes(doc);
    if (list.length === 0 || !Array.isArray(doc.edges)) return;
    const edge: Obj = {
      id: `fuzz-${rng.int(1e9)}`,
      from: rng.pick(list).id ?? 'x',
      to: rng.pick(list).id ?? 'x',
    };
    if (rng.next() < 0.3) edge.probability = rng.pick([1, 0.999, 0.5, 0]);
    if (rng.next() < 0.2) edge.on = 'failed';
    doc.edges.push(edge);
  },
  // A worker's way back into the queue it consumes (a loop), or a zero-time worker.
  (doc, rng) => {
    const list = edges(doc).filter(isObj);
    const queueToWorker = list.filter((e) =>
      nodes(doc).some((n) => n.id === e.from && n.kind === 'queue'),
    );
    if (queueToWorker.length === 0 || !Array.isArray(doc.edges)) return;
    const e = rng.pick(queueToWorker);
    doc.edges.push({ id: `loop-${rng.int(1e9)}`, from: e.to ?? 'x', to: e.from ?? 'x' });
  },
  (doc, rng) => {
    const workers = nodes(doc).filter((n) => n.kind === 'worker' && isObj(n.config));
    if (workers.length > 0) (rng.pick(workers).config as Obj).service = rng.pick(SERVICES);
  },
  (doc, rng) => {
    const producers = nodes(doc).filter((n) => n.kind === 'producer' && isObj(n.config));
    if (producers.length > 0) (rng.pick(producers).config as Obj).arrival = rng.pick(ARRIVALS);
  },
  (doc, rng) => {
    const workers = nodes(doc).filter((n) => n.kind === 'worker' && isObj(n.config));
    if (workers.length === 0) return;
    const config = rng.pick(workers).config as Obj;
    config.concurrency = rng.pick([1, 10_000, 0, -5, 1.5]);
    config.replicas = rng.pick([1, 1000, 0]);
  },
  // A node's kind swapped.
  (doc, rng) => {
    const list = nodes(doc);
    if (list.length > 0) rng.pick(list).kind = rng.pick(['producer', 'queue', 'worker', 'other']);
  },
];

/** Structural and semantic mutations (documents that still parse) come up three times as often. */
const WEIGHTED = [...MUTATIONS, ...MUTATIONS.slice(3), ...MUTATIONS.slice(3)];

/** 1 to 6 mutations of a copy of `doc`, as text; now and then the text itself is damaged. */
export function mutate(doc: Json, rng: Rng): string {
  const copy = structuredClone(doc) as Obj;
  const count = 1 + rng.int(6);
  for (let i = 0; i < count; i++) rng.pick(WEIGHTED)(copy, rng);
  let text = JSON.stringify(copy);
  const damage = rng.next();
  if (damage < 0.03) text = text.slice(0, rng.int(text.length));
  else if (damage < 0.05) {
    const at = rng.int(text.length);
    text = `${text.slice(0, at)}${rng.pick(['\u0000', '"', '}', '\uFFFD', '\\'])}${text.slice(at)}`;
  }
  return text;
}
