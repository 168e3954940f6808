import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import type { Cluster, Redis } from 'ioredis';
import { expect } from 'vitest';
import { main } from '../../../../main/cli/index';
import type { CliIo } from '../../../../main/cli/io';
import { serializeDocument, type PipelineDocument } from '../../../../shared/document';
import { REPO_ROOT } from './project';

/**
 * A generated project end to end, as a user runs it: `pipewright generate`, `tsc`, then its
 * workers (`node dist/main.js`) and load script (`node dist/load.js`) against a real Redis or
 * Redis Cluster, under a fresh key prefix. node_modules is linked from the repository.
 */

const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function captureIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { cwd, stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}

/** Runs a command to its end; resolves to its exit code and output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; output: string }>((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

/** Starts `node dist/main.js` and resolves once its workers run. */
function startWorkers(cwd: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn('node', ['dist/main.js'], {
    cwd,
    env: { ...process.env, ...env },
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('close', done));
  const started = new Promise<void>((ready, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('started')) ready();
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    void exited.then((code) => fail(new Error(`main.js exited (${code}) early:\n${output}`)));
  });
  return { child, started, exited, output: () => output };
}

/** `pipewright generate` then `tsc` into a fresh folder (added to `dirs` for removal). */
export async function buildProject(
  doc: PipelineDocument,
  label: string,
  dirs: string[],
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `pipewright-codegen-${label}-`));
  dirs.push(dir);
  const input = join(dir, `${label}.pipewright.json`);
  writeFileSync(input, serializeDocument(doc));
  const out = join(dir, 'project');
  const io = captureIo(dir);
  expect(await main(['generate', input, '--out', out, '--json'], io), io.stderr.join('\n')).toBe(0);
  const report = JSON.parse(io.stdout.join('\n')) as { files: { status: string }[] };
  expect(report.files.every((f) => f.status === 'written')).toBe(true);
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  const build = await run('node', [TSC, '-p', 'tsconfig.json'], out);
  expect(build.output).toBe('');
  expect(build.code).toBe(0);
  return out;
}

/** Completed (or failed) events a queue's event stream recorded: survives removeOnComplete. */
export async function eventCount(
  client: Redis | Cluster,
  prefix: string,
  queue: string,
  event: string,
): Promise<number> {
  const entries = await client.xrange(`${prefix}:${queue}:events`, '-', '+');
  return entries.filter(([, fields]) => fields[0] === 'event' && fields[1] === event).length;
}

/**
 * Waits until no queue has a job waiting, active or delayed (Job Scheduler jobs aside), three
 * polls in a row: a dead letter is added just after its job fails.
 */
export async function drained(queues: Queue[], timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let idle = 0; idle < 3;) {
    let busy = 0;
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
      busy += Object.values(counts).reduce((a, b) => a + b, 0);
      const delayed = await queue.getDelayed();
      busy += delayed.filter((job) => !job.id?.startsWith('repeat:')).length;
    }
    idle = busy === 0 ? idle + 1 : 0;
    if (Date.now() > deadline)
      throw new Error(`queues still busy (${busy} jobs) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface RunResult {
  sent: Record<string, number>;
  completed: Map<string, number>;
  failed: Map<string, number>;
  prefix: string;
  logs: string;
}

/** Where a generated project runs: a Redis, or a Redis Cluster (`cluster`) and a client of it. */
export interface RunTarget {
  url: string;
  client: Redis | Cluster;
  cluster?: boolean;
}

/**
 * Runs the built project's workers and `seconds` of load (2 unless told), then shuts it down. On a
 * cluster the project wraps BULLMQ_PREFIX in a hash tag itself. `onPrefix` learns the run's key
 * prefix before anything is written, to remove its keys afterwards.
 */
export async function runProject(
  project: string,
  doc: PipelineDocument,
  target: RunTarget,
  options: { seconds?: number; onPrefix?: (prefix: string) => void } = {},
): Promise<RunResult> {
  const given = `cg-${randomBytes(4).toString('hex')}`;
  const { client } = target;
  const prefix = target.cluster ? `{${given}}` : given;
  options.onPrefix?.(prefix);
  const env = { REDIS_URL: target.url, BULLMQ_PREFIX: given, WORKERS: '' };
  const workers = startWorkers(project, env);
  await workers.started;
  const seconds = String(options.seconds ?? 2);
  const load = await run('node', ['dist/load.js', '--seconds', seconds], project, env);
  expect(load.code, load.output).toBe(0);
  const sent = load.output.match(/jobs sent: (\{[^}]*\})/);
  expect(sent, load.output).not.toBeNull();

  const queueNames = doc.nodes.filter((n) => n.kind === 'queue').map((n) => n.name);
  const queues = queueNames.map((name) => new Queue(name, { connection: client, prefix }));
  try {
    await drained(queues);
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
  workers.child.kill('SIGINT');
  expect(await workers.exited, workers.output()).toBe(0);
  expect(workers.output()).toContain('stopped');

  const completed = new Map<string, number>();
  const failed = new Map<string, number>();
  for (const name of queueNames) {
    completed.set(name, await eventCount(client, prefix, name, 'completed'));
    failed.set(name, await eventCount(client, prefix, name, 'failed'));
  }
  const counts = JSON.parse(sent![1]!.replace(/'/g, '"').replace(/([\w-]+):/g, '"$1":')) as Record<
    string,
    number
  >;
  return { sent: counts, completed, failed, prefix, logs: workers.output() };
}
