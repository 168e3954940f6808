/**
 * What a CLI user waits for: whole-process wall time, from spawn to exit, side by side in one run:
 *   - `node -e 0` (the floor: Node's own start-up),
 *   - `pipewright validate` on an example,
 *   - `pipewright simulate --jobs 1000000` on an M/M/16 model (λ = 14.4/s, mean service 1 s),
 *   - SimPy 3 on the same model and job count, as a whole `/usr/bin/python3` process.
 * Goals (issue 10): validate within 3× of `node -e 0`; the 1M-job simulate ≥ 20× faster than SimPy.
 * It runs the built CLI (out/main/cli.js): `npm run build` first.
 *
 *   npm run build && npx tsx test/bench/cli-startup.bench.ts
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serializeDocument } from '../../shared/document';
import { mmc } from '../unit/shared/simulation/documents';

const root = resolve(import.meta.dirname, '..', '..');
const cli = join(root, 'bin', 'pipewright.mjs');
const JOBS = 1_000_000;
const QUICK_ROUNDS = 11;
const SIM_ROUNDS = 3;

if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
  console.error('The CLI is not built: run `npm run build` first.');
  process.exit(2);
}

/** Wall seconds of one whole process; throws when it fails. */
function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = performance.now();
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  }
  return seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function measure(rounds: number, run: () => number): number {
  return median(Array.from({ length: rounds }, run));
}

const dir = mkdtempSync(join(tmpdir(), 'pipewright-cli-bench-'));
try {
  const model = join(dir, 'mm16.pipewright.json');
  writeFileSync(model, serializeDocument(mmc(14.4, { type: 'exponential', meanMs: 1000 }, 16)));
  const example = join(root, 'resources', 'examples', 'welcome-emails.pipewright.json');
  // Forced to the bundle, so a stale-source check never sends the bench through tsx.
  const bundled = { PIPEWRIGHT_CLI: 'bundle' };

  const bare = measure(QUICK_ROUNDS, () => timeProcess(process.execPath, ['-e', '0']));
  const validate = measure(QUICK_ROUNDS, () =>
    timeProcess(process.execPath, [cli, 'validate', example], bundled),
  );
  const simulate = measure(SIM_ROUNDS, () =>
    timeProcess(process.execPath, [cli, 'simulate', model, '--jobs', String(JOBS)], bundled),
  );
  const simpy = measure(SIM_ROUNDS, () =>
    timeProcess('/usr/bin/python3', [
      join(import.meta.dirname, 'simpy_mmc.py'),
      '14.4',
      '1000',
      '16',
      String(JOBS),
      '1',
    ]),
  );

  const ms = (seconds: number) => `${(seconds * 1000).toFixed(0)} ms`;
  console.log(`Node ${process.version}, medians of whole-process wall time`);
  console.log(`node -e 0                         ${ms(bare)}`);
  console.log(
    `pipewright validate (example)     ${ms(validate)}  = ${(validate / bare).toFixed(2)}× node -e 0 (goal ≤ 3×)`,
  );
  console.log(`pipewright simulate --jobs 1M     ${ms(simulate)}`);
  console.log(
    `SimPy 3, same model, 1M jobs      ${ms(simpy)}  → pipewright is ${(simpy / simulate).toFixed(1)}× faster (goal ≥ 20×)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
