import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ApiError } from '../../../shared/api/contract';
import { main } from '../../../main/cli/index';
import { RUN_MARKER, RUNNER_HEARTBEAT } from '../../../main/redis/run-markers';
import { createRunServices } from '../../../main/services/runs/api';
import { captureCli, freshPrefix, keysUnder, simplePipeline, until } from './helpers';

const redisUrl = inject('redisUrl');
const bin = fileURLToPath(new URL('../../../bin/pipewright.mjs', import.meta.url));
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const capture = () => captureCli(cleanups);

/** Starts `pipewright run` in a process, reads the prefix it prints, then kills it with -9. */
async function killedCliRun(): Promise<string> {
  const c = capture();
  writeFileSync(join(c.io.cwd, 'p.json'), JSON.stringify(simplePipeline({ rate: 50 })));
  const child = spawn(
    process.execPath,
    [bin, 'run', 'p.json', '--redis', redisUrl, '--duration', '1m'],
    {
      cwd: c.io.cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  cleanups.push(async () => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await until(() => /Keys prefix: (\S+)/.test(stderr), 'the CLI to print its prefix', 30_000);
  const prefix = /Keys prefix: (\S+)/.exec(stderr)![1]!;
  expect(stderr).toContain(`pipewright clean --redis ${redisUrl} --prefix '${prefix}'`);
  // Let jobs flow so there is something to leave behind.
  await until(async () => (await keysUnder(redisUrl, prefix)).length > 20, 'jobs in Redis');
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return prefix;
}

describe('pipewright clean', () => {
  it('removes what a kill -9 of `pipewright run` left, only under that prefix, once its runner is gone', async () => {
    const client = new Redis(redisUrl);
    cleanups.push(async () => client.disconnect());
    // Someone's real queues next to the run, under BullMQ's default prefix and a look-alike.
    const bystander = freshPrefix();
    await client.set(`${bystander}:orders:id`, '42');
    cleanups.push(() => client.del(`${bystander}:orders:id`));
    const prefix = await killedCliRun();
    await client.set(`${prefix}x:orders:id`, '7'); // shares the text, not the prefix
    cleanups.push(() => client.del(`${prefix}x:orders:id`));

    const c = capture();
    // The runner notices its host is gone and leaves; until its heartbeat expires it looks live.
    const live = await client.exists(`${prefix}:${RUNNER_HEARTBEAT}`);
    if (live) {
      expect(await main(['clean', '--redis', redisUrl, '--prefix', prefix], c.io)).toBe(1);
      expect(c.err.join('\n')).toMatch(/refused: run run-\w+ of "simple" is still running/);
    }
    await until(
      async () => (await client.exists(`${prefix}:${RUNNER_HEARTBEAT}`)) === 0,
      'the heartbeat to expire',
      10_000,
    );
    const left = (await keysUnder(redisUrl, prefix)).length;
    expect(left).toBeGreaterThan(5);
    expect(await main(['clean', '--redis', redisUrl, '--list'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(new RegExp(`${prefix}  orphaned  run-\\w+ of "simple"`));

    expect(await main(['clean', '--redis', redisUrl, '--prefix', prefix, '--dry-run'], c.io)).toBe(
      0,
    );
    expect(c.out.at(-1)).toMatch(
      new RegExp(
        `^Would remove ${left.toLocaleString('en-US')} keys under "${prefix}:" \\(run run-\\w+ of "simple"\\); nothing removed`,
      ),
    );
    expect((await keysUnder(redisUrl, prefix)).length).toBe(left);

    expect(await main(['clean', '--redis', redisUrl, '--prefix', prefix, '--json'], c.io)).toBe(0);
    expect(JSON.parse(c.out.at(-1)!)).toMatchObject({
      prefix,
      keys: left,
      removed: left,
      dryRun: false,
    });
    expect(await keysUnder(redisUrl, prefix)).toEqual([]);
    expect(await client.get(`${bystander}:orders:id`)).toBe('42');
    expect(await client.get(`${prefix}x:orders:id`)).toBe('7');
  });

  it('refuses an empty prefix, and one no run marked (like "bull") unless forced', async () => {
    const client = new Redis(redisUrl);
    cleanups.push(async () => client.disconnect());
    const c = capture();
    expect(await main(['clean', '--redis', redisUrl, '--prefix', ''], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--prefix must be given and not empty/);
    expect(await main(['clean', '--prefix', 'x'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/--redis must be given/);

    const production = freshPrefix();
    await client.set(`${production}:orders:1`, 'job');
    await client.set(`${production}:orders:2`, 'job');
    expect(await main(['clean', '--redis', redisUrl, '--prefix', production], c.io)).toBe(1);
    expect(c.err.at(-1)).toBe(
      `pipewright clean: refused: no Pipewright run marker under "${production}" (no ` +
        `${production}:${RUN_MARKER} key), so these 2 keys may be someone's real queues; check ` +
        'with --dry-run, and pass --force to remove them anyway',
    );
    expect(await main(['clean', '--redis', redisUrl, '--prefix', 'bull', '--dry-run'], c.io)).toBe(
      1,
    );
    expect(c.err.at(-1)).toMatch(/\("bull" is BullMQ's default prefix\)/);
    expect(await client.get(`${production}:orders:1`)).toBe('job');
    expect(
      await main(['clean', '--redis', redisUrl, '--prefix', production, '--force'], c.io),
    ).toBe(0);
    expect(c.out.at(-1)).toBe(`Removed 2 keys under "${production}:".`);
    expect(await keysUnder(redisUrl, production)).toEqual([]);
  });
});

describe('orphaned runs in the app', () => {
  it('lists a killed run as orphaned and cleans it up; refuses prefixes that are not orphans', async () => {
    const services = createRunServices({ redisUrl: () => redisUrl, emit: () => {} });
    cleanups.push(() => services.close());
    const { handlers } = services;
    const prefix = await killedCliRun();
    await until(
      async () => (await handlers['run:orphans']({})).runs.some((r) => r.prefix === prefix),
      'the killed run to show as orphaned',
      10_000,
    );
    const { runs, redisUrl: where } = await handlers['run:orphans']({});
    expect(where).toBe(redisUrl);
    expect(runs.find((r) => r.prefix === prefix)).toMatchObject({ document: 'simple' });

    // The app's own live run is not an orphan, and cannot be cleaned from under it.
    const own = await handlers['run:start']({ document: simplePipeline() });
    expect((await handlers['run:orphans']({})).runs.map((r) => r.prefix)).not.toContain(own.prefix);
    await expect(handlers['run:clean']({ prefix: own.prefix })).rejects.toThrow(
      /not cleaning ".*": it is the prefix of the run on now/,
    );
    await handlers['run:stop']({});

    const left = (await keysUnder(redisUrl, prefix)).length;
    expect(await handlers['run:clean']({ prefix })).toEqual({ prefix, removed: left });
    expect(await keysUnder(redisUrl, prefix)).toEqual([]);
    expect((await handlers['run:orphans']({})).runs.map((r) => r.prefix)).not.toContain(prefix);
    const refused = await handlers['run:clean']({ prefix: 'bull' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).message).toMatch(
      /^not cleaning "bull": no Pipewright run marker under "bull".*\("bull" is BullMQ's default prefix\)$/,
    );
  });
});
