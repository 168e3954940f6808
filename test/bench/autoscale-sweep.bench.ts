/**
 * How long the cheapest-policy search takes (shared/simulation/autoscale-sweep.ts): the welcome
 * pipeline (20 jobs/s, a worker of 10 slots at ~120 ms) with a one-minute spike to 120 jobs/s,
 * its worker's default grid (4 targets × 4 max × 2 min = 28 policies), 3 runs of 10 simulated
 * minutes each: 84 simulations. Prints the wall time per search and per simulation.
 *
 *   npx tsx test/bench/autoscale-sweep.bench.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentValue } from '../../shared/document';
import { defaultAutoscaleGrid, sweepAutoscale } from '../../shared/simulation/autoscale-sweep';

const ROUNDS = 3;
const file = join(import.meta.dirname, '../../resources/examples/welcome-emails.pipewright.json');
const parsed = parseDocumentValue({
  ...(JSON.parse(readFileSync(file, 'utf8')) as object),
  scenario: {
    events: [
      {
        id: 'spike',
        nodeId: 'signup',
        atMs: 120_000,
        durationMs: 60_000,
        change: { type: 'rate', ratePerSec: 120 },
      },
    ],
  },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const doc = parsed.document;
const grid = defaultAutoscaleGrid(doc, 'email-sender');
const target = { measure: 'wait' as const, p95Ms: 1000 };

const times: number[] = [];
let candidates = 0;
for (let round = 0; round < ROUNDS; round++) {
  const started = performance.now();
  const result = sweepAutoscale(doc, 'email-sender', target, grid, {
    durationMs: 600_000,
    replications: 3,
    seed: round + 1,
  });
  times.push(performance.now() - started);
  candidates = result.candidates.length;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `cheapest policy, ${candidates} policies × 3 runs of 10 min: median ${(median / 1000).toFixed(2)} s ` +
    `(min ${(times[0]! / 1000).toFixed(2)} s, max ${(times.at(-1)! / 1000).toFixed(2)} s), ` +
    `${(median / (candidates * 3)).toFixed(1)} ms per simulation`,
);
