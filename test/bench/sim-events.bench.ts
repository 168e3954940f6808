/**
 * Events per second of the simulator on an M/M/16 model (λ = 144 jobs/s, mean service 100 ms,
 * ρ = 0.9) with every statistic on: wait/service/end-to-end histograms, time-weighted queue and
 * busy levels, backlog verdicts — and, in the second set, snapshots every simulated second too.
 *
 *   npx tsx test/bench/sim-events.bench.ts
 */
import { Simulation } from '../../shared/simulation/engine';
import { mmc } from '../unit/shared/simulation/documents';

const JOBS = 2_000_000;
const ROUNDS = 5;
const doc = mmc(144, { type: 'exponential', meanMs: 100 }, 16);

function measure(snapshots: boolean): number[] {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let count = 0;
    const started = performance.now();
    const sim = new Simulation(doc, {
      seed: round + 1,
      jobs: JOBS,
      ...(snapshots ? { snapshotIntervalMs: 1000, onSnapshot: () => void count++ } : {}),
    });
    sim.run();
    const seconds = (performance.now() - started) / 1000;
    rates.push(sim.events / seconds);
    if (snapshots && count === 0) throw new Error('no snapshots were taken');
  }
  return rates.sort((a, b) => a - b);
}

const show = (label: string, rates: number[]) =>
  console.log(
    `${label}: median ${(rates[Math.floor(rates.length / 2)]! / 1e6).toFixed(2)}M events/s ` +
      `(min ${(rates[0]! / 1e6).toFixed(2)}M, max ${(rates.at(-1)! / 1e6).toFixed(2)}M; ` +
      `${ROUNDS} runs of ${JOBS.toLocaleString('en')} jobs; target ≥ 3M)`,
  );

show('M/M/16, statistics on', measure(false));
show('M/M/16, statistics and 1 s snapshots', measure(true));
