import { useMemo } from 'react';
import type { PipelineNode } from '../../shared/document';
import { exportCodeAction } from '../actions/export-code';
import { runFromUi } from '../panels/ActionButton';
import { useDocumentState } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import { CodeProblems } from './CodeProblems';
import { CodeViewer } from './CodeViewer';
import { openFile, setCodeOpen, useCode } from '../state/code-store';
import { FileTree } from './FileTree';
import { filesOfNodes, linesNaming } from './node-files';
import { useCodeFollowing } from './useCodeFollowing';
import { useNodeReveal } from './useNodeReveal';
import { plural } from '../../shared/plural';

function Status() {
  const count = useCode((s) => s.files.length);
  const pending = useCode((s) => s.pending);
  const ms = useCode((s) => s.ms);
  if (count === 0)
    return <span className="code-panel__status">{pending ? 'Generating…' : ''}</span>;
  return (
    <span className="code-panel__status" aria-live="polite">
      {plural(count, 'file')}
      {pending ? ' · updating…' : ms === null ? '' : ` · ${Math.max(1, Math.round(ms))} ms`}
    </span>
  );
}

/**
 * The Code panel: the TypeScript project generated from the pipeline, as it changes. A file tree
 * (the selected node's files marked) beside a read-only, highlighted view of one file.
 */
export function CodePanel({ width }: { width: number }) {
  useCodeFollowing();
  const files = useCode((s) => s.files);
  const path = useCode((s) => s.path);
  const problems = useCode((s) => s.problems);
  const failure = useCode((s) => s.failure);
  const changed = useCode((s) => s.changed);
  const selected = useSelection((s) => s.nodeIds);
  // Only what the panel shows from the document, so an edit elsewhere does not redraw it.
  const hasNodes = useDocumentState((s) => s.document.nodes.length > 0);
  const selectedNodes = useDocumentState((s) =>
    JSON.stringify(
      s.document.nodes
        .filter((n) => selected.has(n.id))
        .map(({ id, kind, name }) => ({ id, kind, name })),
    ),
  );
  const reveal = useNodeReveal(files);

  const related = useMemo(
    () => new Set(filesOfNodes(files, selected).map((f) => f.path)),
    [files, selected],
  );
  const file = files.find((f) => f.path === path) ?? null;
  const contents = file?.contents ?? '';
  const markedLines = useMemo(() => {
    if (!file) return [];
    const nodes = (
      JSON.parse(selectedNodes) as Pick<PipelineNode, 'id' | 'kind' | 'name'>[]
    ).filter((n) => file.nodeIds.includes(n.id));
    return [...new Set(nodes.flatMap((n) => linesNaming(contents, n)))].sort((a, b) => a - b);
  }, [file, contents, selectedNodes]);

  return (
    <aside
      className="code-panel"
      style={{ width: `min(${width}px, 60vw)` }}
      aria-label="Generated code"
      data-testid="code-panel"
    >
      <header className="code-panel__head">
        <h2 className="panel-title">Code</h2>
        <Status />
        <span className="code-panel__spacer" />
        <button
          type="button"
          className="btn btn--small"
          data-testid="code-export"
          disabled={!hasNodes}
          onClick={() => void runFromUi(exportCodeAction)}
        >
          Export…
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Close the Code panel"
          onClick={() => setCodeOpen(false)}
        >
          ×
        </button>
      </header>
      {problems.length > 0 ? <CodeProblems problems={problems} stale={files.length > 0} /> : null}
      {failure ? (
        <p className="code-panel__failure" role="alert">
          The code generator failed: {failure}
        </p>
      ) : null}
      {files.length > 0 ? (
        <div className="code-panel__body">
          <FileTree
            files={files}
            openPath={path}
            related={related}
            changed={changed}
            onOpen={openFile}
          />
          {file ? (
            <CodeViewer
              path={file.path}
              contents={contents}
              markedLines={markedLines}
              reveal={reveal}
              flash={changed.has(file.path)}
            />
          ) : (
            <p className="code-panel__empty">Choose a file.</p>
          )}
        </div>
      ) : problems.length === 0 && !failure ? (
        <p className="code-panel__empty">Generating the project…</p>
      ) : null}
    </aside>
  );
}
