import type { GeneratedFile } from '../../shared/codegen';

/** A folder or a file of the generated project, as the Code panel's tree shows it. */
export type TreeEntry =
  | { type: 'folder'; name: string; path: string; children: TreeEntry[] }
  | { type: 'file'; name: string; path: string; kind: GeneratedFile['kind'] };

const byName = (a: TreeEntry, b: TreeEntry) => {
  if (a.type !== b.type) return a.type === 'folder' ? -1 : 1;
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

/** The files as a tree: folders first, then files, each by name ignoring case (as editors list). */
export function buildTree(files: readonly Pick<GeneratedFile, 'path' | 'kind'>[]): TreeEntry[] {
  const root: TreeEntry[] = [];
  const folders = new Map<string, TreeEntry[]>([['', root]]);
  const folder = (path: string): TreeEntry[] => {
    const existing = folders.get(path);
    if (existing) return existing;
    const cut = path.lastIndexOf('/');
    const children: TreeEntry[] = [];
    folder(cut < 0 ? '' : path.slice(0, cut)).push({
      type: 'folder',
      name: path.slice(cut + 1),
      path,
      children,
    });
    folders.set(path, children);
    return children;
  };
  for (const file of files) {
    const cut = file.path.lastIndexOf('/');
    folder(cut < 0 ? '' : file.path.slice(0, cut)).push({
      type: 'file',
      name: file.path.slice(cut + 1),
      path: file.path,
      kind: file.kind,
    });
  }
  const sort = (entries: TreeEntry[]) => {
    entries.sort(byName);
    for (const e of entries) if (e.type === 'folder') sort(e.children);
  };
  sort(root);
  return root;
}

/** The files in the order the tree shows them, for keyboard navigation. */
export function treeOrder(entries: readonly TreeEntry[]): string[] {
  return entries.flatMap((e) => (e.type === 'file' ? [e.path] : treeOrder(e.children)));
}

/** The folders holding `path`, e.g. `src/workers/a.ts` → `src`, `src/workers`. */
export function parentFolders(path: string): string[] {
  const parts = path.split('/').slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
