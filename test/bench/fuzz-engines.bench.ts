/**
 * Engine fuzz run (issue 11, "Done when"): ≥ 10,000 mutated documents through parse → validate →
 * codegen (draftProject) → bounded simulate (60 s simulated, the shipped 2^21-job memory bound,
 * a 2M-event budget), each in a worker process with a 5 s per-document timeout, so a hang is seen
 * and the process replaced. Seeds: the examples in resources/examples, documents drawn from the
 * test arbitrary (fixed seed) and a 1,100-node pipeline; mutations in fuzz/mutate.ts. Counts
 * crashes (anything thrown but the engines' own refusals, or a worker that died), hangs over 5 s
 * and the peak RSS of a worker (the whole pipeline in one Node process). Offending documents go
 * to test-results/fuzz/.
 *
 *   npx tsx test/bench/fuzz-engines.bench.ts [documents=10000] [workers=2] [seed=11]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { arbitraryDocument } from '../helpers/arbitrary-document';
import { bigPipeline } from '../helpers/big-pipeline';
import type { FuzzReply, FuzzRequest } from './fuzz/fuzz-child';
import { mutate, Rng, type Json } from './fuzz/mutate';

const [total = 10_000, workers = 2, seed = 11] = process.argv.slice(2).map(Number);
const TIMEOUT_MS = 5000;
const root = resolve(import.meta.dirname, '..', '..');
const outDir = join(root, 'test-results', 'fuzz');
mkdirSync(outDir, { recursive: true });

const examplesDir = join(root, 'resources', 'examples');
const seeds: Json[] = [
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith('.pipewright.json'))
    .map((f) => JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) as Json),
  ...(fc.sample(arbitraryDocument(), { seed, numRuns: 60 }) as unknown as Json[]),
  bigPipeline(110) as unknown as Json,
];
const rng = new Rng(seed);
const texts = Array.from({ length: total }, () => mutate(rng.pick(seeds), rng));

const outcomes = new Map<string, number>();
const crashes: string[] = [];
const hangs: number[] = [];
let peakKb = 0;
let slowestMs = 0;
let next = 0;
let done = 0;
const started = performance.now();

/** VmHWM: the peak resident set of a process, read before killing it. */
function peakOf(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function record(index: number, kind: string, detail: string): void {
  writeFileSync(join(outDir, `${kind}-${index}.json`), texts[index]!);
  if (kind === 'crash') crashes.push(`#${index}: ${detail}`);
}

await new Promise<void>((finish) => {
  const startWorker = (): void => {
    const child: ChildProcess = fork(join(import.meta.dirname, 'fuzz', 'fuzz-child.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let current = -1;
    let sentAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let killed = false;
    const send = () => {
      if (next >= total) {
        child.kill();
        return;
      }
      current = next++;
      sentAt = performance.now();
      timer = setTimeout(() => {
        hangs.push(current);
        record(current, 'hang', 'over 5 s');
        peakKb = Math.max(peakKb, peakOf(child.pid));
        killed = true;
        child.kill('SIGKILL');
      }, TIMEOUT_MS);
      child.send({ index: current, text: texts[current]! } satisfies FuzzRequest);
    };
    child.on('message', (reply: FuzzReply) => {
      clearTimeout(timer);
      slowestMs = Math.max(slowestMs, performance.now() - sentAt);
      peakKb = Math.max(peakKb, reply.maxRssKb);
      outcomes.set(reply.outcome, (outcomes.get(reply.outcome) ?? 0) + 1);
      if (reply.outcome === 'crash') record(reply.index, 'crash', reply.detail ?? '');
      current = -1;
      if (++done % 1000 === 0) console.log(`  ${done} documents…`);
      send();
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (current >= 0) {
        if (!killed) record(current, 'crash', `worker died (${signal ?? code})`);
        done++;
      }
      if (next < total) startWorker();
      else if (done >= total) finish();
    });
    send();
  };
  for (let i = 0; i < workers; i++) startWorker();
});

const seconds = (performance.now() - started) / 1000;
console.log(
  `documents: ${total} mutated from ${seeds.length} seeds (seed ${seed}), ${workers} worker processes, ${seconds.toFixed(0)} s`,
);
console.log(`outcomes: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(
  `crashes: ${crashes.length}${crashes.length ? `\n  ${crashes.slice(0, 10).join('\n  ')}` : ''}`,
);
console.log(
  `hangs over ${TIMEOUT_MS / 1000} s: ${hangs.length}${hangs.length ? ` (#${hangs.slice(0, 10).join(', #')})` : ''}`,
);
console.log(
  `peak RSS of a worker process: ${(peakKb / 1024).toFixed(0)} MB (goal < 1024 MB); slowest document ${slowestMs.toFixed(0)} ms`,
);
