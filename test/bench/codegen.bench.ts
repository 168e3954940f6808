/**
 * Code generation for a 500-node pipeline (target: under 200 ms). Times `generateProject` from a
 * parsed document to the list of formatted files: first call (cold: modules and JIT warming up),
 * then the median and worst of repeated calls. Two more figures: 100-character names (the emitters
 * still lay every line out themselves) and long CJK names, whose widths the emitters leave to
 * Prettier: the slow path.
 *
 *   npx tsx test/bench/codegen.bench.ts
 */
import { loadavg } from 'node:os';
import { draftProject, generateProject } from '../../shared/codegen';
import {
  FORMAT,
  parseDocumentValue,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../shared/document';

const position = { x: 0, y: 0 };

/**
 * Chains of producer → queue → worker → queue → worker → queue → worker, each worker
 * dead-lettering into one shared queue that a last worker drains: 71 chains, 500 nodes.
 */
function bigPipeline(name: (kind: string, i: number, j: number) => string): PipelineDocument {
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const edge = (from: string, to: string, extra: Partial<PipelineEdge> = {}) =>
    edges.push({ id: `e${edges.length}`, from, to, ...extra });
  nodes.push({ id: 'dlq', kind: 'queue', name: name('dead letters', 0, 0), position, config: {} });
  nodes.push({
    id: 'dlq-worker',
    kind: 'worker',
    name: name('alerts', 0, 0),
    position,
    config: { concurrency: 1, replicas: 1, service: { type: 'fixed', ms: 5 } },
  });
  edge('dlq', 'dlq-worker');
  for (let i = 0; nodes.length < 500; i++) {
    nodes.push({
      id: `p${i}`,
      kind: 'producer',
      name: name('api', i, 0),
      position,
      config: {
        jobName: `job-${i}`,
        arrival: { type: 'poisson', ratePerSec: 10 + i },
        payload: { orderId: `o-${i}`, amount: i * 1.5, tags: ['a', 'b'], customer: { id: i } },
      },
    });
    let from = `p${i}`;
    for (let j = 0; j < 3 && nodes.length < 500; j++) {
      nodes.push({
        id: `q${i}-${j}`,
        kind: 'queue',
        name: name('stage queue', i, j),
        position,
        config: {
          attempts: 3,
          backoff: { type: 'exponential', delayMs: 1000 },
          removeOnComplete: { count: 1000 },
          rateLimit: { max: 100, durationMs: 1000 },
        },
      });
      edge(from, `q${i}-${j}`, j === 0 ? {} : { probability: 0.9 });
      if (nodes.length >= 500) break;
      nodes.push({
        id: `w${i}-${j}`,
        kind: 'worker',
        name: name('stage worker', i, j),
        position,
        config: {
          concurrency: 8,
          replicas: 2,
          service: { type: 'lognormal', meanMs: 120, stdDevMs: 60 },
          failureRate: 0.01,
        },
      });
      edge(`q${i}-${j}`, `w${i}-${j}`);
      edge(`w${i}-${j}`, 'dlq', { on: 'failed' });
      from = `w${i}-${j}`;
    }
  }
  const parsed = parseDocumentValue({ format: FORMAT, name: 'Five hundred nodes', nodes, edges });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.document;
}

async function time(doc: PipelineDocument, runs: number) {
  const samples: number[] = [];
  let files = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    files = (await generateProject(doc)).length;
    samples.push(performance.now() - started);
  }
  const [cold, ...warm] = samples;
  warm.sort((a, b) => a - b);
  return {
    cold: cold!,
    median: warm[Math.floor(warm.length / 2)] ?? cold!,
    worst: warm[warm.length - 1] ?? cold!,
    files,
    viaPrettier: draftProject(doc).filter((f) => f.needsPrettier).length,
  };
}

const plain = bigPipeline((kind, i, j) => `${kind} ${i}-${j}`);
const counts = (doc: PipelineDocument) =>
  ['producer', 'queue', 'worker'].map((k) => doc.nodes.filter((n) => n.kind === k).length);
const [producers, queues, workers] = counts(plain);
console.log(`load average ${loadavg()[0]!.toFixed(1)} on this machine (figures scale with it)`);
console.log(
  `pipeline: ${plain.nodes.length} nodes (${producers} producers, ${queues} queues, ` +
    `${workers} workers), ${plain.edges.length} edges`,
);

const fast = await time(plain, 21);
console.log(
  `generateProject, plain names: cold ${fast.cold.toFixed(0)} ms, median ${fast.median.toFixed(1)} ms, ` +
    `worst ${fast.worst.toFixed(1)} ms over 20 runs; ${fast.files} files, ${fast.viaPrettier} through Prettier ` +
    `(target < 200 ms: ${fast.median < 200 ? 'met' : 'MISSED'})`,
);

const long = bigPipeline(
  (kind, i, j) => `${'a rather long queue name '.repeat(4)}${kind} ${i}-${j}`,
);
const longRun = await time(long, 5);
console.log(
  `generateProject, 100-character ASCII names: cold ${longRun.cold.toFixed(0)} ms, ` +
    `median ${longRun.median.toFixed(1)} ms; ${longRun.viaPrettier} of ${longRun.files} files through Prettier`,
);

const odd = bigPipeline((kind, i, j) => `${'とても長いキューの名前'.repeat(4)} ${kind} ${i}-${j}`);
const slow = await time(odd, 3);
console.log(
  `generateProject, long CJK names (worst case: Prettier lays out long lines): cold ${slow.cold.toFixed(0)} ms, ` +
    `median ${slow.median.toFixed(0)} ms; ${slow.viaPrettier} of ${slow.files} files through Prettier`,
);
