/**
 * What the job trace costs, and what an engine change costs: `simulate` of 1M jobs on the M/M/16
 * model of cli-startup.bench.ts (λ = 14.4/s, mean service 1 s), without a trace and with
 * `jobTrace: 100` (what the app asks for), in alternating rounds so machine noise hits each alike.
 * With BENCH_BASE=<another checkout>, that checkout's simulator runs untraced in the same rounds:
 * before and after a change, in one process.
 *
 *   npx tsx test/bench/sim-job-trace.bench.ts
 *   BENCH_BASE=/path/to/main/checkout npx tsx test/bench/sim-job-trace.bench.ts
 */
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { simulate } from '../../shared/simulation/run';
import { mmc } from '../unit/shared/simulation/documents';

const JOBS = 1_000_000;
const ROUNDS = 9;
const doc = mmc(14.4, { type: 'exponential', meanMs: 1000 }, 16);

type Simulate = (d: typeof doc, options: Record<string, number>) => unknown;
const base = process.env.BENCH_BASE;
const baseSimulate: Simulate | null = base
  ? (
      (await import(pathToFileURL(join(resolve(base), 'shared/simulation/run.ts')).href)) as {
        simulate: Simulate;
      }
    ).simulate
  : null;

function seconds(run: Simulate, jobTrace: number | undefined): number {
  const started = performance.now();
  run(doc, { seed: 1, jobs: JOBS, ...(jobTrace ? { jobTrace } : {}) });
  return (performance.now() - started) / 1000;
}

const here = simulate as Simulate;
const series: Array<[string, Simulate, number | undefined, number[]]> = [
  ['this checkout, no job trace', here, undefined, []],
  ['this checkout, jobTrace 100', here, 100, []],
  ...(baseSimulate ? [[`${base}, no job trace`, baseSimulate, undefined, []] as const] : []),
].map(
  ([label, run, trace]) =>
    [label, run, trace, []] as [string, Simulate, number | undefined, number[]],
);
for (const [, run, trace] of series) seconds(run, trace); // warm the JIT
for (let round = 0; round < ROUNDS; round++) {
  for (const [, run, trace, times] of series) times.push(seconds(run, trace));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
for (const [label, , , times] of series) {
  console.log(
    `${label.padEnd(40)} median ${median(times).toFixed(3)} s (min ${Math.min(...times).toFixed(3)}, ` +
      `max ${Math.max(...times).toFixed(3)}; ${ROUNDS} rounds of ${JOBS.toLocaleString('en')} jobs)`,
  );
}
const [off, on, before] = series.map(([, , , times]) => median(times));
console.log(`job trace: ${((on! / off! - 1) * 100).toFixed(1)} % on top of an untraced run`);
if (before !== undefined) {
  console.log(`untraced, this checkout vs base: ${((off! / before - 1) * 100).toFixed(1)} %`);
}
