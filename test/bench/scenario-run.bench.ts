/**
 * A scenario simulated versus played for real: issue 16's outage (test/integration/runner/
 * scenario-documents.ts: failure rate 1 for 5.8 s, fixed service and backoff, a dead-letter queue)
 * and the autoscaler against a paused queue, each run `runs` times on real BullMQ. Prints the
 * per-event figures and the autoscaler's cost side by side, with the difference in percent.
 *
 *   npx tsx test/bench/scenario-run.bench.ts [runs=3]
 */
import type { PipelineDocument } from '../../shared/document';
import type { RunSummary } from '../../shared/metrics';
import { simulate } from '../../shared/simulation';
import { autoscaled, outage } from '../integration/runner/scenario-documents';
import { benchRedis, startRunner } from './runner-bench-support';

const runs = Number(process.argv[2] ?? 3);
const redis = await benchRedis();

async function play(doc: PipelineDocument, ms: number, id: string): Promise<RunSummary> {
  const run = await startRunner(redis.url, doc, id);
  await new Promise((r) => setTimeout(r, ms));
  return (await run.stop()).summary;
}

const diff = (m: number, p: number) => (p === 0 ? '–' : `${(((m - p) / p) * 100).toFixed(1)} %`);
const row = (label: string, p: number, m: number) =>
  console.log(
    `${label.padEnd(36)} ${p.toFixed(1).padStart(10)} ${m.toFixed(1).padStart(10)} ${diff(m, p).padStart(9)}`,
  );
const header = (title: string) =>
  console.log(
    `\n${title.padEnd(36)} ${'simulated'.padStart(10)} ${'measured'.padStart(10)} ${'diff'.padStart(9)}`,
  );

for (let i = 1; i <= runs; i++) {
  const doc = outage();
  const measured = await play(doc, 11_000, `scen${i}`);
  const m = measured.scenario![0]!;
  const p = simulate(doc, { durationMs: measured.durationMs }).scenario![0]!;
  header(`outage, run ${i} of ${runs}`);
  row('peak backlog (jobs)', p.peakBacklog, m.peakBacklog);
  row('drain after the end (ms)', p.drainMs ?? NaN, m.drainMs ?? NaN);
  row('retries', p.retries, m.retries);
  row('attempts per job', p.attemptsPerJob, m.attemptsPerJob);
  row('failed for good', p.failed, m.failed);
  row('dead-lettered', p.deadLettered, m.deadLettered);
  row('first failure for good (ms)', p.firstFailedAtMs ?? NaN, m.firstFailedAtMs ?? NaN);
  row('last failure for good (ms)', p.lastFailedAtMs ?? NaN, m.lastFailedAtMs ?? NaN);

  const scaledDoc = autoscaled();
  const scaled = await play(scaledDoc, 6500, `auto${i}`);
  const sim = simulate(scaledDoc, { durationMs: scaled.durationMs });
  const [mw, pw] = [scaled.nodes.w!, sim.nodes.w!];
  if (mw.kind !== 'worker' || pw.kind !== 'worker') throw new Error('w is not a worker');
  header(`autoscaler, run ${i} of ${runs}`);
  row('replica-seconds', pw.autoscale!.replicaSeconds, mw.autoscale!.replicaSeconds);
  row('replicas mean', pw.autoscale!.replicas.mean, mw.autoscale!.replicas.mean);
  row('scale-ups', pw.autoscale!.scaleUps, mw.autoscale!.scaleUps);
  row('scale-downs', pw.autoscale!.scaleDowns, mw.autoscale!.scaleDowns);
}
await redis.stop();
