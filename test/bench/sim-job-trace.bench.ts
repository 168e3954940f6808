/**
 * What the job trace costs: `simulate` of 1M jobs on the M/M/16 model of cli-startup.bench.ts
 * (λ = 14.4/s, mean service 1 s), without a trace and with `jobTrace: 100` (what the app asks
 * for), in alternating rounds so machine noise hits both alike. Run the same file on an older
 * checkout to compare the untraced figure before and after a change to the engine.
 *
 *   npx tsx test/bench/sim-job-trace.bench.ts
 */
import { simulate } from '../../shared/simulation/run';
import { mmc } from '../unit/shared/simulation/documents';

const JOBS = 1_000_000;
const ROUNDS = 7;
const doc = mmc(14.4, { type: 'exponential', meanMs: 1000 }, 16);

function seconds(jobTrace: number | undefined): number {
  const started = performance.now();
  simulate(doc, { seed: 1, jobs: JOBS, ...(jobTrace ? { jobTrace } : {}) });
  return (performance.now() - started) / 1000;
}

const off: number[] = [];
const on: number[] = [];
seconds(undefined); // warm the JIT
for (let round = 0; round < ROUNDS; round++) {
  off.push(seconds(undefined));
  on.push(seconds(100));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const show = (label: string, values: number[]) =>
  console.log(
    `${label}: median ${median(values).toFixed(3)} s (min ${Math.min(...values).toFixed(3)}, ` +
      `max ${Math.max(...values).toFixed(3)}; ${ROUNDS} rounds of ${JOBS.toLocaleString('en')} jobs)`,
  );
show('simulate 1M jobs, no job trace  ', off);
show('simulate 1M jobs, jobTrace 100  ', on);
console.log(`job trace costs ${((median(on) / median(off) - 1) * 100).toFixed(1)} % of the run`);
