import { describe, expect, it } from 'vitest';
import {
  buildTree,
  parentFolders,
  treeOrder,
  type TreeEntry,
} from '../../../../renderer/code/file-tree';
import { fileAt, welcomeProject } from './fixtures';

/** The tree as indented lines: `src/` for folders, names for files. */
const outline = (entries: readonly TreeEntry[], indent = ''): string[] =>
  entries.flatMap((e) =>
    e.type === 'folder'
      ? [`${indent}${e.name}/`, ...outline(e.children, `${indent}  `)]
      : [`${indent}${e.name}`],
  );

describe('the Code panel file tree', () => {
  it('lists folders first, then files, each by name ignoring case', async () => {
    expect(outline(buildTree(await welcomeProject()))).toEqual([
      'src/',
      '  handlers/',
      '    email-sender.ts',
      '  producers/',
      '    signup-api.ts',
      '  workers/',
      '    email-sender.ts',
      '  arrivals.ts',
      '  connection.ts',
      '  load.ts',
      '  main.ts',
      '  queues.ts',
      '  schedulers.ts',
      '  simulate.ts',
      '.env.example',
      '.gitignore',
      '.pipewright.json',
      'docker-compose.yml',
      'Dockerfile',
      'package.json',
      'README.md',
      'tsconfig.json',
    ]);
  });

  it('keeps each file with its full path and kind', () => {
    const handler = fileAt('src/handlers/a.ts', ['w'], 'handler');
    const [src] = buildTree([handler]);
    expect(src).toMatchObject({ type: 'folder', name: 'src', path: 'src' });
    const [handlers] = src?.type === 'folder' ? src.children : [];
    expect(handlers).toMatchObject({ type: 'folder', path: 'src/handlers' });
    expect(handlers?.type === 'folder' && handlers.children[0]).toEqual({
      type: 'file',
      name: 'a.ts',
      path: 'src/handlers/a.ts',
      kind: 'handler',
    });
  });

  it('orders names that differ only in case the same way every time', () => {
    const files = [fileAt('b.ts'), fileAt('A.ts'), fileAt('a.ts')];
    expect(treeOrder(buildTree(files))).toEqual(['A.ts', 'a.ts', 'b.ts']);
    expect(treeOrder(buildTree([...files].reverse()))).toEqual(['A.ts', 'a.ts', 'b.ts']);
  });

  it('walks the files in the order they show, for the arrow keys', () => {
    const tree = buildTree([fileAt('z.md'), fileAt('src/x/b.ts'), fileAt('src/a.ts')]);
    expect(treeOrder(tree)).toEqual(['src/x/b.ts', 'src/a.ts', 'z.md']);
  });

  it('names the folders that hold a file', () => {
    expect(parentFolders('src/workers/a.ts')).toEqual(['src', 'src/workers']);
    expect(parentFolders('README.md')).toEqual([]);
  });
});
