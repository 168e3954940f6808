/**
 * The simulator side by side with SimPy 3 on the same M/M/16 model (λ = 14.4 jobs/s, mean service
 * 1 s, ρ = 0.9): wall time per job in each, and the ratio. SimPy runs test/bench/simpy_mmc.py under
 * /usr/bin/python3 (apt-get install python3-simpy3). Both report the mean time in system, so the
 * comparison is between two correct simulations of one model.
 *
 *   npx tsx test/bench/sim-vs-simpy.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mmcWait } from '../../shared/queueing/erlang';
import { Simulation } from '../../shared/simulation/engine';
import { mmc } from '../unit/shared/simulation/documents';

const RATE = 14.4;
const MEAN_MS = 1000;
const SERVERS = 16;
const SIMPY_JOBS = 200_000;
const OUR_JOBS = 2_000_000;
const ROUNDS = 3;

interface Measure {
  jobs: number;
  seconds: number;
  meanTimeInSystemMs: number;
}

function simpy(seed: number): Measure {
  const script = join(import.meta.dirname, 'simpy_mmc.py');
  const args = [
    script,
    String(RATE),
    String(MEAN_MS),
    String(SERVERS),
    String(SIMPY_JOBS),
    String(seed),
  ];
  const run = spawnSync('/usr/bin/python3', args, { encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(
      `SimPy failed (is python3-simpy3 installed?): ${run.stderr || run.error?.message}`,
    );
  }
  return JSON.parse(run.stdout) as Measure;
}

function ours(seed: number): Measure & { events: number } {
  const doc = mmc(RATE, { type: 'exponential', meanMs: MEAN_MS }, SERVERS);
  const started = performance.now();
  const sim = new Simulation(doc, { seed, jobs: OUR_JOBS });
  const summary = sim.run();
  const seconds = (performance.now() - started) / 1000;
  return {
    jobs: OUR_JOBS,
    seconds,
    meanTimeInSystemMs: summary.endToEndMs.mean,
    events: sim.events,
  };
}

const theory = mmcWait(RATE, MEAN_MS, SERVERS)!.meanTimeInSystemMs;
console.log(
  `M/M/${SERVERS}, ρ = ${(RATE * MEAN_MS) / 1000 / SERVERS}: Erlang C time in system ${theory.toFixed(1)} ms`,
);
const ratios: number[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  const p = simpy(round);
  const o = ours(round);
  const simpyPerSec = p.jobs / p.seconds;
  const ourPerSec = o.jobs / o.seconds;
  ratios.push(ourPerSec / simpyPerSec);
  console.log(
    `round ${round}: SimPy ${Math.round(simpyPerSec).toLocaleString('en')} jobs/s ` +
      `(${p.jobs.toLocaleString('en')} jobs in ${p.seconds.toFixed(2)} s, W = ${p.meanTimeInSystemMs.toFixed(1)} ms); ` +
      `pipewright ${Math.round(ourPerSec).toLocaleString('en')} jobs/s ` +
      `(${o.jobs.toLocaleString('en')} jobs in ${o.seconds.toFixed(2)} s, W = ${o.meanTimeInSystemMs.toFixed(1)} ms, ` +
      `${(o.events / o.seconds / 1e6).toFixed(2)}M events/s); ratio ${(ourPerSec / simpyPerSec).toFixed(1)}×`,
  );
}
ratios.sort((a, b) => a - b);
console.log(
  `speed-up over SimPy 3: median ${ratios[Math.floor(ROUNDS / 2)]!.toFixed(1)}× (min ${ratios[0]!.toFixed(1)}×, target ≥ 20×)`,
);
