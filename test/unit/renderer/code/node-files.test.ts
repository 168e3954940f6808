import { describe, expect, it } from 'vitest';
import { filesOfNodes, linesNaming, primaryFile } from '../../../../renderer/code/node-files';
import { fileAt, welcomeDoc, welcomeProject } from './fixtures';

describe('files and lines of a node', () => {
  it('opens a worker at its own generated file, before its handler', async () => {
    const files = await welcomeProject();
    expect(primaryFile(files, 'sender')?.path).toBe('src/workers/email-sender.ts');
    expect(filesOfNodes(files, new Set(['sender'])).map((f) => f.path)).toEqual([
      'docker-compose.yml',
      'src/workers/email-sender.ts',
      'src/handlers/email-sender.ts',
    ]);
    expect(filesOfNodes(files, new Set(['sender', 'signup'])).map((f) => f.path)).toContain(
      'src/producers/signup-api.ts',
    );
  });

  it('opens a producer at its file and a queue at the shared queues file', async () => {
    const files = await welcomeProject();
    expect(primaryFile(files, 'signup')?.path).toBe('src/producers/signup-api.ts');
    expect(primaryFile(files, 'emails')?.path).toBe('src/queues.ts');
    expect(primaryFile(files, 'no-such-node')).toBeUndefined();
  });

  it('prefers a file of its own in a folder to a shared one or a top-level one', () => {
    const files = [
      fileAt('src/schedulers.ts', ['p']),
      fileAt('src/handlers/p.ts', ['p'], 'handler'),
      fileAt('src/producers/p.ts', ['p']),
      fileAt('docker-compose.yml', ['p', 'q']),
    ];
    expect(primaryFile(files, 'p')?.path).toBe('src/producers/p.ts');
    expect(primaryFile(files, 'q')?.path).toBe('docker-compose.yml');
  });

  it('finds the lines about a node in a shared file', async () => {
    const files = await welcomeProject();
    const queues = files.find((f) => f.path === 'src/queues.ts')!;
    const lines = queues.contents.split('\n');
    const found = linesNaming(queues.contents, welcomeDoc().nodes[1]!);
    expect(found.length).toBeGreaterThan(1);
    expect(lines[found[0]! - 1]).toContain('queue "emails"');
    expect(found.map((n) => lines[n - 1])).toContain("  emails: 'emails',");
    // "dead-letters" is another queue: its lines are not the emails queue's.
    expect(found.every((n) => !lines[n - 1]!.includes('dead-letters'))).toBe(true);
  });

  it('finds a node whose name needs escaping', () => {
    const node = { kind: 'worker' as const, name: `it's "odd"` };
    const contents = [
      '/** Starts worker "it\'s \\"odd\\"" on queue "q". */',
      `const WORKER = 'it\\'s "odd"';`,
      'const other = 1;',
    ].join('\n');
    expect(linesNaming(contents, node)).toEqual([1, 2]);
  });
});
