/**
 * One simulated hour of a three-stage pipeline at 1,000 jobs/s (3.6M jobs, ~22M events), timed;
 * then memory (heapUsed after a full GC, sampled between slices) at 1 h and 4 h horizons, to show
 * it stays flat: memory follows the jobs in the system, not the jobs ever created.
 *
 *   npx tsx test/bench/sim-pipeline.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Simulation } from '../../shared/simulation/engine';
import { edge, pipeline, producer, queue, worker } from '../unit/shared/simulation/documents';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  // Re-run with the garbage collector exposed, so heap figures are after a full collection.
  const self = fileURLToPath(import.meta.url);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self], {
    stdio: 'inherit',
  });
  process.exit(run.status ?? 1);
}

const HOUR = 3_600_000;
const doc = pipeline(
  'three stages at 1,000 jobs/s',
  [
    producer('api', { type: 'poisson', ratePerSec: 1000 }),
    queue('ingest', { attempts: 3, backoff: { type: 'exponential', delayMs: 50 } }),
    worker('parser', { type: 'exponential', meanMs: 10 }, 16, { failureRate: 0.01 }),
    queue('enrich'),
    worker('enricher', { type: 'lognormal', meanMs: 20, stdDevMs: 10 }, 32),
    queue('store'),
    worker('storer', { type: 'fixed', ms: 5 }, 8),
  ],
  [
    edge('api', 'ingest'),
    edge('ingest', 'parser'),
    edge('parser', 'enrich'),
    edge('enrich', 'enricher'),
    edge('enricher', 'store'),
    edge('store', 'storer'),
  ],
);

function run(durationMs: number, sampleMemory: boolean) {
  let snapshots = 0;
  const sim = new Simulation(doc, {
    seed: 1,
    durationMs,
    snapshotIntervalMs: 1000,
    onSnapshot: () => void snapshots++,
  });
  let peakHeap = 0;
  let peakJobs = 0;
  const started = performance.now();
  for (;;) {
    const done = sim.step(2_000_000);
    peakJobs = Math.max(peakJobs, sim.jobsInSystem);
    if (sampleMemory) {
      gc!();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    if (done) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const summary = sim.summary();
  return { seconds, events: sim.events, snapshots, peakHeap, peakJobs, summary };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

gc();
const baseline = process.memoryUsage().heapUsed;
const timed = [run(HOUR, false), run(HOUR, false), run(HOUR, false)].sort(
  (a, b) => a.seconds - b.seconds,
);
const t = timed[1]!;
const created = (t.summary.nodes.api as { created: number }).created;
console.log(
  `1 h simulated at 1,000 jobs/s, 3 stages: median ${t.seconds.toFixed(2)} s wall ` +
    `(best ${timed[0]!.seconds.toFixed(2)} s; ${created.toLocaleString('en')} jobs, ` +
    `${(t.events / 1e6).toFixed(1)}M events, ${(t.events / t.seconds / 1e6).toFixed(2)}M events/s, ` +
    `${t.snapshots} snapshots; target < 5 s)`,
);
for (const [id, node] of Object.entries(t.summary.nodes)) {
  if (node.kind === 'queue')
    console.log(`  ${id}: wait p95 ${node.waitMs.p95.toFixed(2)} ms, ${node.verdict}`);
}

const one = run(HOUR, true);
const four = run(4 * HOUR, true);
console.log(
  `memory (heapUsed after GC, above a ${mb(baseline)} baseline): 1 h peak ${mb(one.peakHeap - baseline)}, ` +
    `4 h peak ${mb(four.peakHeap - baseline)} (ratio ${((four.peakHeap - baseline) / (one.peakHeap - baseline)).toFixed(2)} for 4× the jobs); ` +
    `peak jobs in system ${one.peakJobs} vs ${four.peakJobs}`,
);
