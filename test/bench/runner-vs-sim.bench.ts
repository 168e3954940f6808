/**
 * Simulated versus measured, on the welcome-emails example at moderate load: the signup rate is
 * raised so the email sender is about 75 % busy (10 slots × 120 ms mean service), the real run
 * lasts `seconds`, and the simulator predicts the same document over a long horizon (an accurate
 * mean for that load). Reports mean wait and throughput side by side with the difference in
 * percent, and — because a mean wait from a short run is itself uncertain — the spread of the
 * simulated mean wait over 20 runs of the same length. A short run at light load first measures
 * BullMQ's own pickup latency, which the model does not have (it waits 0 ms at light load).
 *
 *   npx tsx test/bench/runner-vs-sim.bench.ts [seconds=180] [utilisation=0.75]
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, type PipelineDocument } from '../../shared/document';
import { simulate } from '../../shared/simulation';
import type { QueueSummary, RunSummary, WorkerSummary } from '../../shared/metrics';
import { benchRedis, startRunner } from './runner-bench-support';

const seconds = Number(process.argv[2] ?? 180);
const utilisation = Number(process.argv[3] ?? 0.75);

const parsed = parseDocumentText(
  readFileSync(
    new URL('../../resources/examples/welcome-emails.pipewright.json', import.meta.url),
    'utf8',
  ),
);
if (!parsed.ok) throw new Error('welcome-emails does not parse');
const base: PipelineDocument = { ...parsed.document, settings: { prefix: 'pwvs' } };
const withRate = (ratePerSec: number): PipelineDocument => {
  const copy = structuredClone(base);
  for (const node of copy.nodes) {
    if (node.kind === 'producer') node.config.arrival = { type: 'poisson', ratePerSec };
  }
  return copy;
};
// λ = ρ · c / E[S], with c = 10 slots and E[S] = 120 ms.
const rate = Math.round((utilisation * 10) / 0.12);
const doc = withRate(rate);
const emails = (s: RunSummary) => s.nodes.emails as QueueSummary;

const redis = await benchRedis();
const light = await startRunner(redis.url, withRate(8), 'vslight');
await new Promise((r) => setTimeout(r, 15_000));
const lightWait = emails((await light.stop()).summary).waitMs;
console.log(
  `light load (8 signups/s; the model waits 0 ms): measured wait mean ${lightWait.mean.toFixed(2)} ms, ` +
    `p95 ${lightWait.p95.toFixed(2)} ms — BullMQ's pickup latency on this machine now`,
);
console.log(
  `welcome-emails at ${rate} signups/s (email-sender ≈ ${utilisation * 100} % busy), ${seconds} s real run`,
);
const run = await startRunner(redis.url, doc, 'vs');
await new Promise((r) => setTimeout(r, seconds * 1000));
const measured = (await run.stop()).summary;
await redis.stop();

const t0 = performance.now();
const predicted = simulate(doc, {
  durationMs: 3_600_000,
  warmupMs: 60_000,
  seed: 1,
  replications: 5,
});
const simMs = performance.now() - t0;
// How much the mean wait of a run as long as the real one varies, by the model itself.
const shortWaits = Array.from(
  { length: 20 },
  (_, i) => emails(simulate(doc, { durationMs: seconds * 1000, seed: 100 + i })).waitMs.mean,
).sort((a, b) => a - b);

const diff = (m: number, p: number) => (p === 0 ? '–' : `${(((m - p) / p) * 100).toFixed(1)} %`);
const row = (label: string, m: number, p: number) =>
  console.log(
    `${label.padEnd(34)} ${p.toFixed(2).padStart(10)} ${m.toFixed(2).padStart(10)} ${diff(m, p).padStart(9)}`,
  );
console.log(
  `\n${'figure'.padEnd(34)} ${'simulated'.padStart(10)} ${'measured'.padStart(10)} ${'diff'.padStart(9)}`,
);
const mw = measured.nodes['email-sender'] as WorkerSummary;
const pw = predicted.nodes['email-sender'] as WorkerSummary;
row('emails: mean wait (ms)', emails(measured).waitMs.mean, emails(predicted).waitMs.mean);
row('emails: p95 wait (ms)', emails(measured).waitMs.p95, emails(predicted).waitMs.p95);
row('email-sender: throughput (jobs/s)', mw.throughputPerSec, pw.throughputPerSec);
row('email-sender: utilisation', mw.utilisation, pw.utilisation);
row('email-sender: mean service (ms)', mw.serviceMs.mean, pw.serviceMs.mean);
const created = (s: RunSummary) => (s.nodes.signup as { ratePerSec: number }).ratePerSec;
row('signup-api: jobs/s created', created(measured), created(predicted));
console.log(
  `\nsimulated ${seconds} s runs (20 seeds): mean wait ${shortWaits[0]!.toFixed(2)}–${shortWaits.at(-1)!.toFixed(2)} ms ` +
    `(middle 90 %: ${shortWaits[1]!.toFixed(2)}–${shortWaits[18]!.toFixed(2)} ms); measured ${emails(measured).waitMs.mean.toFixed(2)} ms`,
);
console.log(
  `(simulated 5 × 1 h in ${(simMs / 1000).toFixed(1)} s; targets: wait within 15 %, throughput within 5 %)`,
);
