/**
 * Runner throughput on no-op jobs versus a plain BullMQ script with the same queue (BullMQ
 * defaults), the same worker concurrency and the same Redis, measured side by side in one run:
 * rounds alternate plain → runner with metrics → runner without metrics, and medians are reported.
 * Each side adds N jobs as fast as Redis takes them while one worker (concurrency 10) processes
 * them; the time is from the first add to the last completion (polled in Redis).
 *
 *   npx tsx test/bench/runner-throughput.bench.ts [jobs=20000] [rounds=3]
 */
import { Redis } from 'ioredis';
import {
  benchRedis,
  cpuMs,
  deleteAll,
  median,
  plainBullmq,
  startRunner,
  waitForCount,
} from './runner-bench-support';
import { noopThroughputDocument } from './runner-noop-document';

const jobs = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 3);
const CONCURRENCY = 10;

const doc = noopThroughputDocument(jobs, CONCURRENCY);

interface Side {
  jobsPerSec: number;
  cpuUsPerJob: number;
}

async function runner(url: string, round: number, metrics: boolean): Promise<Side> {
  const redis = new Redis(url);
  let snapshots = 0;
  const run = await startRunner(
    url,
    doc,
    `r${round}${metrics ? 'm' : 'x'}`,
    metrics ? 250 : 0,
    () => snapshots++,
  );
  const t0 = performance.now();
  const cpu0 = cpuMs(run.pid);
  await waitForCount(redis, `${run.prefix}:bench:completed`, jobs);
  const seconds = (performance.now() - t0) / 1000;
  const cpuUsPerJob = ((cpuMs(run.pid) - cpu0) * 1000) / jobs;
  await run.stop();
  await deleteAll(redis, run.prefix);
  redis.disconnect();
  if (metrics && snapshots < seconds * 3)
    console.error(`  only ${snapshots} snapshots in ${seconds.toFixed(1)} s`);
  return { jobsPerSec: jobs / seconds, cpuUsPerJob };
}

const redis = await benchRedis();
console.log(
  `${jobs} no-op jobs per side, concurrency ${CONCURRENCY}, ${rounds} rounds, Redis ${redis.url}`,
);
const plain: Side[] = [];
const withMetrics: Side[] = [];
const without: Side[] = [];
const fmt = (s: Side) =>
  `${s.jobsPerSec.toFixed(0)} jobs/s (${s.cpuUsPerJob.toFixed(0)} µs CPU/job)`;
for (let round = 0; round < rounds; round++) {
  plain.push(await plainBullmq(redis.url, `pwbench-plain${round}`, jobs, CONCURRENCY));
  withMetrics.push(await runner(redis.url, round, true));
  without.push(await runner(redis.url, round, false));
  console.log(
    `round ${round + 1}: plain ${fmt(plain.at(-1)!)}, runner+metrics ${fmt(withMetrics.at(-1)!)}, runner−metrics ${fmt(without.at(-1)!)}`,
  );
}
await redis.stop();
const rate = (xs: Side[]) => median(xs.map((x) => x.jobsPerSec));
const cpu = (xs: Side[]) => median(xs.map((x) => x.cpuUsPerJob));
const [p, m, x] = [rate(plain), rate(withMetrics), rate(without)];
const [pc, mc, xc] = [cpu(plain), cpu(withMetrics), cpu(without)];
console.log('\nmedians (wall clock; noisy when other work shares the cores):');
console.log(`  plain BullMQ:          ${p.toFixed(0)} jobs/s`);
console.log(
  `  runner, metrics on:    ${m.toFixed(0)} jobs/s  = ${((m / p) * 100).toFixed(1)} % of plain (target ≥ 90 %)`,
);
console.log(
  `  runner, metrics off:   ${x.toFixed(0)} jobs/s  = ${((x / p) * 100).toFixed(1)} % of plain`,
);
console.log(
  'medians of CPU time per job in the producing/processing process (steadier under load):',
);
console.log(`  plain BullMQ:          ${pc.toFixed(0)} µs`);
console.log(
  `  runner, metrics on:    ${mc.toFixed(0)} µs  → throughput bound ${((pc / mc) * 100).toFixed(1)} % of plain`,
);
console.log(`  runner, metrics off:   ${xc.toFixed(0)} µs`);
console.log(
  `metrics overhead: ${(((x - m) / x) * 100).toFixed(1)} % wall clock, ${(((mc - xc) / xc) * 100).toFixed(1)} % CPU per job (target < 5 %)`,
);
