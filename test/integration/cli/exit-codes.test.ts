import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { main } from '../../../main/cli/index';
import { captureCli, edge, pipeline, producer, queue, worker } from '../runner/helpers';

const redisUrl = inject('redisUrl');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Each command that reads a pipeline file, with the flags it needs to get that far. */
const commands: Record<string, (file: string) => string[]> = {
  validate: (file) => ['validate', file],
  simulate: (file) => ['simulate', file, '--duration', '1s'],
  run: (file) => ['run', file, '--redis', redisUrl, '--duration', '1s'],
  generate: (file) => ['generate', file, '--out', 'project'],
};

describe('every command that reads a pipeline file', () => {
  it('exits 1 ("errors") for JSON that fails the schema, naming each problem', async () => {
    for (const [name, args] of Object.entries(commands)) {
      const cli = captureCli(cleanups);
      // Valid JSON, a pipeline's format, but no edges and nodes that are not a list.
      writeFileSync(
        join(cli.io.cwd, 'bad.json'),
        JSON.stringify({ format: 'pipewright/v1', name: 'x', nodes: 'nope' }),
      );
      expect(await main(args('bad.json'), cli.io), name).toBe(1);
      // `validate` reports on stdout (its report is the output), the others on stderr.
      const err = [...cli.out, ...cli.err].join('\n');
      expect(err, name).toMatch(/^bad\.json: nodes: must be an array of nodes, got "nope"$/m);
      expect(err, name).toMatch(/^bad\.json: edges: is missing/m);
    }
  });

  it('exits 2 ("unreadable") for a file that is not JSON at all', async () => {
    for (const [name, args] of Object.entries(commands)) {
      const cli = captureCli(cleanups);
      writeFileSync(join(cli.io.cwd, 'broken.json'), '{ "format": "pipewright/v1", ');
      expect(await main(args('broken.json'), cli.io), name).toBe(2);
      expect([...cli.out, ...cli.err].join('\n'), name).toMatch(/^broken\.json: /m);
    }
  });
});

describe('run on a pipeline that cannot run', () => {
  it('names each problem once', async () => {
    const cli = captureCli(cleanups);
    // The worker has no input queue: validation and the runner's plan both find it.
    const doc = pipeline(
      'unwired',
      [
        producer('p', { arrival: { type: 'poisson', ratePerSec: 5 } }),
        queue('q'),
        worker('w', { service: { type: 'fixed', ms: 10 } }),
      ],
      [edge('p', 'q')],
    );
    writeFileSync(join(cli.io.cwd, 'unwired.json'), JSON.stringify(doc));
    expect(await main(commands.run!('unwired.json'), cli.io)).toBe(1);
    const err = cli.err.join('\n');
    expect(err).toMatch(/this pipeline cannot run: /);
    const mentions = err.match(/worker "w" has no input queue/g) ?? [];
    expect(mentions, err).toHaveLength(1);
  });
});
