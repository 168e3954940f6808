/**
 * Runner memory over a long run: no-op jobs (1 % failing) at a high rate through producer →
 * queue → worker (the queue keeps the last 1,000 finished jobs, so Redis stays small too). The
 * runner reports its heap with every snapshot; the heap is a sawtooth between collections, so the
 * figure that shows a leak is the floor: the lowest heap in each tenth of the run. A 1M-job run
 * takes a few minutes on these shared 2-core machines, so the default is 300k jobs, and the change
 * of the floor from the first half to the second is extrapolated to 1M jobs. Pass 1000000 to run
 * the full million.
 *
 *   npx tsx test/bench/runner-memory.bench.ts [jobs=300000]
 */
import { Redis } from 'ioredis';
import type { PipelineDocument } from '../../shared/document';
import type { WorkerFigures } from '../../shared/metrics';
import { benchRedis, deleteAll, rssMb, startRunner } from './runner-bench-support';

const jobs = Number(process.argv[2] ?? 300_000);
const doc: PipelineDocument = {
  format: 'pipewright/v1',
  name: 'memory',
  settings: { prefix: 'pwmem' },
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      name: 'p',
      position: { x: 0, y: 0 },
      config: { jobName: 'job', arrival: { type: 'constant', ratePerSec: 20_000 }, limit: jobs },
    },
    {
      id: 'q',
      kind: 'queue',
      name: 'mem',
      position: { x: 0, y: 0 },
      config: { removeOnComplete: { count: 1000 }, removeOnFail: { count: 1000 } },
    },
    {
      id: 'w',
      kind: 'worker',
      name: 'w',
      position: { x: 0, y: 0 },
      config: {
        concurrency: 20,
        replicas: 1,
        service: { type: 'fixed', ms: 0 },
        failureRate: 0.01,
      },
    },
  ],
  edges: [
    { id: 'e1', from: 'p', to: 'q' },
    { id: 'e2', from: 'q', to: 'w' },
  ],
};

const redis = await benchRedis();
const samples: Array<{ done: number; heapMb: number }> = [];
const run = await startRunner(redis.url, doc, 'mem', 250, (snapshot, heapUsed) => {
  const w = snapshot.nodes.w as WorkerFigures;
  samples.push({ done: w.completed + w.failed, heapMb: heapUsed / 1048576 });
});
const t0 = performance.now();
console.log(`${jobs} jobs, runner pid ${run.pid}, Redis ${redis.url}`);
const rss: number[] = [];
let printed = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  rss.push(rssMb(run.pid));
  const done = samples.at(-1)?.done ?? 0;
  if (done >= printed) {
    console.log(
      `${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s  ${String(done).padStart(8)} jobs  heap ${samples.at(-1)?.heapMb.toFixed(1)} MB  RSS ${rss.at(-1)!.toFixed(1)} MB`,
    );
    printed += jobs / 10;
  }
  if (done >= jobs) break;
}
const seconds = (performance.now() - t0) / 1000;
const result = await run.stop();
const w = result.summary.nodes.w as { completed: number; failed: number };
const client = new Redis(redis.url);
await deleteAll(client, run.prefix);
client.disconnect();
await redis.stop();

// Heap floor per tenth of the run (by jobs done).
const floors: Array<{ done: number; heapMb: number }> = [];
for (let k = 0; k < 10; k++) {
  const part = samples.filter((s) => s.done >= (k * jobs) / 10 && s.done < ((k + 1) * jobs) / 10);
  if (part.length === 0) continue;
  const low = part.reduce((a, s) => (s.heapMb < a.heapMb ? s : a));
  floors.push(low);
}
const firstHalf = Math.min(...floors.slice(0, 5).map((f) => f.heapMb));
const secondHalf = Math.min(...floors.slice(5).map((f) => f.heapMb));
console.log(
  `\n${w.completed} completed, ${w.failed} failed in ${seconds.toFixed(0)} s (${((w.completed + w.failed) / seconds).toFixed(0)} jobs/s)`,
);
console.log(`heap floor per tenth (MB): ${floors.map((f) => f.heapMb.toFixed(1)).join(' ')}`);
console.log(
  `RSS: min ${Math.min(...rss).toFixed(1)} MB, max ${Math.max(...rss).toFixed(1)} MB, last ${rss.at(-1)!.toFixed(1)} MB`,
);
console.log(
  `lowest heap, first half ${firstHalf.toFixed(1)} MB, second half ${secondHalf.toFixed(1)} MB: ` +
    `${(secondHalf - firstHalf).toFixed(1)} MB over ${jobs / 2} jobs → ` +
    `${(((secondHalf - firstHalf) / (jobs / 2)) * 1_000_000).toFixed(1)} MB per 1M jobs (extrapolated)`,
);
