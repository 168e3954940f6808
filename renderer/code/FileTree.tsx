import { memo, useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { GeneratedFile } from '../../shared/codegen';
import { buildTree, parentFolders, treeOrder, type TreeEntry } from './file-tree';

interface TreeProps {
  files: readonly GeneratedFile[];
  openPath: string | null;
  /** Files that hold code of the selected node(s). */
  related: ReadonlySet<string>;
  changed: ReadonlySet<string>;
  onOpen(path: string): void;
}

interface RowState {
  openPath: string | null;
  related: ReadonlySet<string>;
  changed: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  onOpen(path: string): void;
  toggle(path: string): void;
}

/** One file; memoised on plain values, so a regeneration redraws only the rows that change. */
const FileRow = memo(function FileRow({
  path,
  name,
  kind,
  depth,
  open,
  related,
  changed,
  onOpen,
}: {
  path: string;
  name: string;
  kind: GeneratedFile['kind'];
  depth: number;
  open: boolean;
  related: boolean;
  changed: boolean;
  onOpen(path: string): void;
}) {
  const handler = kind === 'handler';
  const classes = ['code-tree__row', 'code-tree__file'];
  if (open) classes.push('is-open');
  if (related) classes.push('is-related');
  if (changed) classes.push('is-changed');
  return (
    <li role="none">
      <button
        type="button"
        role="treeitem"
        aria-selected={open}
        className={classes.join(' ')}
        style={{ paddingLeft: 8 + depth * 10 }}
        data-path={path}
        data-related={related || undefined}
        title={
          handler
            ? `${path}: your code. Export writes it once and never overwrites it.`
            : `${path}: regenerated from the pipeline on every export.`
        }
        onClick={() => onOpen(path)}
      >
        <span className="code-tree__name">{name}</span>
        {handler ? (
          <span className="code-tree__badge" aria-label="your code">
            ✎
          </span>
        ) : null}
      </button>
    </li>
  );
});

function Entries({
  entries,
  depth,
  state,
}: {
  entries: readonly TreeEntry[];
  depth: number;
  state: RowState;
}) {
  return entries.map((entry) => {
    if (entry.type === 'file') {
      return (
        <FileRow
          key={entry.path}
          path={entry.path}
          name={entry.name}
          kind={entry.kind}
          depth={depth}
          open={entry.path === state.openPath}
          related={state.related.has(entry.path)}
          changed={state.changed.has(entry.path)}
          onOpen={state.onOpen}
        />
      );
    }
    const closed = state.collapsed.has(entry.path);
    return (
      <li key={entry.path} role="none">
        <button
          type="button"
          role="treeitem"
          aria-expanded={!closed}
          className="code-tree__row code-tree__folder"
          style={{ paddingLeft: 8 + depth * 10 }}
          onClick={() => state.toggle(entry.path)}
        >
          <span className="code-tree__chevron" aria-hidden="true">
            {closed ? '▸' : '▾'}
          </span>
          {entry.name}
        </button>
        {closed ? null : (
          <ul role="group">
            <Entries entries={entry.children} depth={depth + 1} state={state} />
          </ul>
        )}
      </li>
    );
  });
}

/** The generated project's files; the selected node's files are marked, handlers labelled. */
export const FileTree = memo(function FileTree({
  files,
  openPath,
  related,
  changed,
  onOpen,
}: TreeProps) {
  // The tree's shape depends only on paths and kinds: regenerating contents keeps it.
  const shape = useMemo(() => files.map((f) => `${f.kind}:${f.path}`).join('\n'), [files]);
  const tree = useMemo(
    () =>
      buildTree(
        shape.split('\n').map((line) => {
          const cut = line.indexOf(':');
          return { kind: line.slice(0, cut) as GeneratedFile['kind'], path: line.slice(cut + 1) };
        }),
      ),
    [shape],
  );
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  // The open file's folders always show, so a file opened for a selected node is never hidden.
  const collapsed = useMemo(() => {
    if (openPath === null) return folded;
    const shown = new Set(parentFolders(openPath));
    return new Set([...folded].filter((path) => !shown.has(path)));
  }, [folded, openPath]);
  const toggle = useCallback(
    (path: string) =>
      setFolded(() => {
        const next = new Set(collapsed);
        if (!next.delete(path)) next.add(path);
        return next;
      }),
    [collapsed],
  );
  // Up and down move through the files, as in an editor's explorer.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const order = treeOrder(tree);
    const at = openPath === null ? -1 : order.indexOf(openPath);
    const next =
      order[event.key === 'ArrowDown' ? Math.min(order.length - 1, at + 1) : Math.max(0, at - 1)];
    if (next === undefined) return;
    event.preventDefault();
    onOpen(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-path="${CSS.escape(next)}"]`)?.focus();
  };
  const handlers = files.some((f) => f.kind === 'handler');
  const state: RowState = { openPath, related, changed, collapsed, onOpen, toggle };
  return (
    <div className="code-files">
      <ul className="code-tree" role="tree" aria-label="Generated files" onKeyDown={onKeyDown}>
        <Entries entries={tree} depth={0} state={state} />
      </ul>
      {handlers ? (
        <p className="code-files__legend">
          <span className="code-tree__badge">✎</span> your code: export never overwrites it
        </p>
      ) : null}
    </div>
  );
});
