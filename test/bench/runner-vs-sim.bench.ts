/**
 * Simulated versus measured, on the welcome-emails example at moderate load: the signup rate is
 * raised so the email sender is about 75 % busy (10 slots × 120 ms mean service), the real run
 * lasts 60 s, and the simulator predicts the same document over a long horizon (an accurate mean
 * for that load). Reports mean wait and throughput side by side with the difference in percent.
 *
 *   npx tsx test/bench/runner-vs-sim.bench.ts [seconds=60] [utilisation=0.75]
 */
import { readFileSync } from 'node:fs';
import { parseDocumentText, type PipelineDocument } from '../../shared/document';
import { simulate } from '../../shared/simulation';
import type { QueueSummary, RunSummary, WorkerSummary } from '../../shared/metrics';
import { benchRedis, startRunner } from './runner-bench-support';

const seconds = Number(process.argv[2] ?? 60);
const utilisation = Number(process.argv[3] ?? 0.75);

const parsed = parseDocumentText(
  readFileSync(
    new URL('../../resources/examples/welcome-emails.pipewright.json', import.meta.url),
    'utf8',
  ),
);
if (!parsed.ok) throw new Error('welcome-emails does not parse');
const doc: PipelineDocument = structuredClone(parsed.document);
doc.settings = { ...doc.settings, prefix: 'pwvs' };
// λ = ρ · c / E[S], with c = 10 slots and E[S] = 120 ms.
const rate = Math.round((utilisation * 10) / 0.12);
for (const node of doc.nodes) {
  if (node.kind === 'producer') node.config.arrival = { type: 'poisson', ratePerSec: rate };
}

const redis = await benchRedis();
console.log(
  `welcome-emails at ${rate} signups/s (email-sender ≈ ${utilisation * 100} % busy), ${seconds} s real run`,
);
const run = await startRunner(redis.url, doc, 'vs');
await new Promise((r) => setTimeout(r, seconds * 1000));
const measured = (await run.stop()).summary;
await redis.stop();

const t0 = performance.now();
const predicted: RunSummary = simulate(doc, {
  durationMs: 3_600_000,
  warmupMs: 60_000,
  seed: 1,
  replications: 5,
});
const simMs = performance.now() - t0;

const diff = (m: number, p: number) => (p === 0 ? '–' : `${(((m - p) / p) * 100).toFixed(1)} %`);
const row = (label: string, m: number, p: number) =>
  console.log(
    `${label.padEnd(34)} ${p.toFixed(2).padStart(10)} ${m.toFixed(2).padStart(10)} ${diff(m, p).padStart(9)}`,
  );
console.log(
  `\n${'figure'.padEnd(34)} ${'simulated'.padStart(10)} ${'measured'.padStart(10)} ${'diff'.padStart(9)}`,
);
const mq = measured.nodes.emails as QueueSummary;
const pq = predicted.nodes.emails as QueueSummary;
const mw = measured.nodes['email-sender'] as WorkerSummary;
const pw = predicted.nodes['email-sender'] as WorkerSummary;
row('emails: mean wait (ms)', mq.waitMs.mean, pq.waitMs.mean);
row('emails: p95 wait (ms)', mq.waitMs.p95, pq.waitMs.p95);
row('email-sender: throughput (jobs/s)', mw.throughputPerSec, pw.throughputPerSec);
row('email-sender: utilisation', mw.utilisation, pw.utilisation);
row('email-sender: mean service (ms)', mw.serviceMs.mean, pw.serviceMs.mean);
row(
  'signup-api: jobs/s created',
  (measured.nodes.signup as { ratePerSec: number }).ratePerSec,
  (predicted.nodes.signup as { ratePerSec: number }).ratePerSec,
);
console.log(
  `\n(simulated 5 × 1 h in ${(simMs / 1000).toFixed(1)} s; targets: wait within 15 %, throughput within 5 %)`,
);
