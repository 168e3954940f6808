/**
 * CPU profile of the runner process on the no-op throughput workload (the document of
 * runner-throughput.bench.ts): writes a .cpuprofile into the given directory and prints the
 * top self-time functions.
 *
 * TRACE_GC=1 adds --trace-gc to the runner; NO_METRICS=1 runs it without metrics.
 *
 *   npx tsx test/bench/runner-profile.ts [jobs=20000] [dir=/tmp/pw-prof]
 */
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { RunnerClient } from '../../main/runner/client';
import { DEFAULT_RUN_OPTIONS } from '../../main/runner/protocol';
import type { SpawnRunner } from '../../main/runner/spawn';
import { benchRedis, deleteAll, tsxLoader, waitForCount } from './runner-bench-support';
import { noopThroughputDocument } from './runner-noop-document';

const jobs = Number(process.argv[2] ?? 20_000);
const dir = process.argv[3] ?? '/tmp/pw-prof';
mkdirSync(dir, { recursive: true });
const entry = fileURLToPath(new URL('../../main/runner/index.ts', import.meta.url));
const spawnProfiled: SpawnRunner = () => {
  const child = fork(entry, [], {
    execArgv: [
      '--import',
      tsxLoader(),
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      ...(process.env.TRACE_GC ? ['--trace-gc'] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  return {
    get pid() {
      return child.pid;
    },
    send: (m) => void (child.connected && child.send(m)),
    onMessage: (l) => void child.on('message', l),
    onExit: (l) => void child.on('exit', (code, signal) => l(code, signal)),
    kill: (s = 'SIGTERM') => void child.kill(s),
  };
};

const redis = await benchRedis();
const client = new RunnerClient(spawnProfiled, {
  snapshot: () => {},
  log: () => {},
  redis: () => {},
  incident: () => {},
  exit: () => {},
});
const before = new Set(readdirSync(dir));
const { prefix } = await client.start({
  runId: 'prof',
  runPrefix: 'prof',
  redisUrl: redis.url,
  document: noopThroughputDocument(jobs),
  options: { ...DEFAULT_RUN_OPTIONS, snapshotIntervalMs: process.env.NO_METRICS ? 0 : 250 },
});
const probe = new Redis(redis.url);
// The window the throughput bench measures, on the profiler's clock (CLOCK_MONOTONIC, µs).
const windowStart = Number(process.hrtime.bigint() / 1000n);
await waitForCount(probe, `${prefix}:bench:completed`, jobs);
const windowEnd = Number(process.hrtime.bigint() / 1000n);
await client.stop(false, true, 0); // keep keys: their removal is not the workload
await new Promise((r) => setTimeout(r, 500));
await deleteAll(probe, prefix);
probe.disconnect();
await redis.stop();

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
const file = readdirSync(dir).find((f) => !before.has(f) && f.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile written to ${dir}`);
const profile = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
};
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
let at = profile.startTime;
let total = 0;
for (const [i, id] of profile.samples.entries()) {
  at += profile.timeDeltas[i]!;
  // Only what the bench counts: from the first add to the last completion.
  if (at < windowStart || at > windowEnd) continue;
  total++;
  const f = byId.get(id)!.callFrame;
  const key = `${f.functionName || '(anon)'} ${f.url.replace(/^.*node_modules\//, '')}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + 1);
}
console.log(
  `${dir}/${file}: ${total} samples in the measured window ` +
    `(${((windowEnd - windowStart) / 1000).toFixed(0)} ms, µs ${windowStart}–${windowEnd})`,
);
for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(`${((n / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
