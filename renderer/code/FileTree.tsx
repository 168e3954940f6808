import { useMemo, useState, type KeyboardEvent } from 'react';
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

function FileRow({
  entry,
  depth,
  props,
}: {
  entry: TreeEntry & { type: 'file' };
  depth: number;
  props: TreeProps;
}) {
  const open = entry.path === props.openPath;
  const related = props.related.has(entry.path);
  const handler = entry.file.kind === 'handler';
  const classes = [
    'code-tree__row',
    'code-tree__file',
    open ? 'is-open' : '',
    related ? 'is-related' : '',
    props.changed.has(entry.path) ? 'is-changed' : '',
  ].filter(Boolean);
  return (
    <li role="none">
      <button
        type="button"
        role="treeitem"
        aria-selected={open}
        className={classes.join(' ')}
        style={{ paddingLeft: 8 + depth * 10 }}
        data-path={entry.path}
        data-related={related || undefined}
        title={
          handler
            ? `${entry.path}: your code. Export writes it once and never overwrites it.`
            : `${entry.path}: regenerated from the pipeline on every export.`
        }
        onClick={() => props.onOpen(entry.path)}
      >
        <span className="code-tree__name">{entry.name}</span>
        {handler ? (
          <span className="code-tree__badge" aria-label="your code">
            ✎
          </span>
        ) : null}
      </button>
    </li>
  );
}

function Entries({
  entries,
  depth,
  props,
  collapsed,
  toggle,
}: {
  entries: readonly TreeEntry[];
  depth: number;
  props: TreeProps;
  collapsed: ReadonlySet<string>;
  toggle(path: string): void;
}) {
  return entries.map((entry) => {
    if (entry.type === 'file') {
      return <FileRow key={entry.path} entry={entry} depth={depth} props={props} />;
    }
    const closed = collapsed.has(entry.path);
    return (
      <li key={entry.path} role="none">
        <button
          type="button"
          role="treeitem"
          aria-expanded={!closed}
          className="code-tree__row code-tree__folder"
          style={{ paddingLeft: 8 + depth * 10 }}
          onClick={() => toggle(entry.path)}
        >
          <span className="code-tree__chevron" aria-hidden="true">
            {closed ? '▸' : '▾'}
          </span>
          {entry.name}
        </button>
        {closed ? null : (
          <ul role="group">
            <Entries
              entries={entry.children}
              depth={depth + 1}
              props={props}
              collapsed={collapsed}
              toggle={toggle}
            />
          </ul>
        )}
      </li>
    );
  });
}

/** The generated project's files; the selected node's files are marked, handlers labelled. */
export function FileTree(props: TreeProps) {
  const tree = useMemo(() => buildTree(props.files), [props.files]);
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  // The open file's folders always show, so a file opened for a selected node is never hidden.
  const collapsed = useMemo(() => {
    if (props.openPath === null) return folded;
    const shown = new Set(parentFolders(props.openPath));
    return new Set([...folded].filter((path) => !shown.has(path)));
  }, [folded, props.openPath]);
  const toggle = (path: string) =>
    setFolded(() => {
      const next = new Set(collapsed);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  // Up and down move through the files, as in an editor's explorer.
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const order = treeOrder(tree);
    const at = props.openPath === null ? -1 : order.indexOf(props.openPath);
    const next =
      order[event.key === 'ArrowDown' ? Math.min(order.length - 1, at + 1) : Math.max(0, at - 1)];
    if (next === undefined) return;
    event.preventDefault();
    props.onOpen(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-path="${CSS.escape(next)}"]`)?.focus();
  };
  const handlers = props.files.some((f) => f.kind === 'handler');
  return (
    <div className="code-files">
      <ul className="code-tree" role="tree" aria-label="Generated files" onKeyDown={onKeyDown}>
        <Entries entries={tree} depth={0} props={props} collapsed={collapsed} toggle={toggle} />
      </ul>
      {handlers ? (
        <p className="code-files__legend">
          <span className="code-tree__badge">✎</span> your code: export never overwrites it
        </p>
      ) : null}
    </div>
  );
}
