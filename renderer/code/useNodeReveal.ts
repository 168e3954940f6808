import { useEffect, useState } from 'react';
import type { GeneratedFile } from '../../shared/codegen';
import { documentStore } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import type { Reveal } from './CodeViewer';
import { codeStore, openFile } from '../state/code-store';
import { linesNaming, primaryFile } from './node-files';

let revealKey = 0;

/**
 * Follows the canvas selection: selecting a node opens its code (its own file, e.g. the worker,
 * unless the open file already holds it) and, in a file it shares with other nodes (the queues,
 * docker-compose.yml), scrolls to the lines about it. Returns where the viewer should scroll.
 */
export function useNodeReveal(files: readonly GeneratedFile[]): Reveal | null {
  const selected = useSelection((s) => s.nodeIds);
  const hasFiles = files.length > 0;
  const [reveal, setReveal] = useState<Reveal | null>(null);
  useEffect(() => {
    const { files: current, path } = codeStore.getState();
    const [nodeId] = selected;
    if (nodeId === undefined || current.length === 0) return;
    const open = current.find((f) => f.path === path);
    const target = open && open.nodeIds.includes(nodeId) ? open : primaryFile(current, nodeId);
    if (!target) return;
    const node = documentStore.getState().document.nodes.find((n) => n.id === nodeId);
    const shared = target.nodeIds.length > 1;
    if (target === open && !shared) return;
    openFile(target.path);
    const line = shared && node ? (linesNaming(target.contents, node)[0] ?? 1) : 1;
    setReveal({ path: target.path, line, key: ++revealKey });
  }, [selected, hasFiles]);
  return reveal;
}
