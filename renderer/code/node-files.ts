import type { GeneratedFile } from '../../shared/codegen';
import { displayName, tsString } from '../../shared/codegen/print/literals';
import type { PipelineNode } from '../../shared/document';

/**
 * Which generated files hold a node's code, which one to open for it, and which lines in a file
 * are about it. Files carry the ids of their nodes (`nodeIds`); lines are found by the way the
 * generator names a node: `worker "email-sender"` in comments, `'email-sender'` in code.
 */

/** The files that hold code of any of `nodeIds`, in the project's order. */
export function filesOfNodes(
  files: readonly GeneratedFile[],
  nodeIds: ReadonlySet<string>,
): GeneratedFile[] {
  return files.filter((f) => f.nodeIds.some((id) => nodeIds.has(id)));
}

/**
 * How well a file stands for a node: a file of its own first (src/workers/x.ts before the
 * handler beside it), then the files it shares with other nodes (src/queues.ts, docker-compose.yml).
 */
function rank(file: GeneratedFile): number {
  const own = file.nodeIds.length === 1 ? 4 : 0;
  const generated = file.kind === 'generated' ? 2 : 0;
  const inFolder = file.path.split('/').length > 2 ? 1 : 0;
  return own + generated + inFolder;
}

/** The file to open when a node is selected, or undefined when none holds its code. */
export function primaryFile(
  files: readonly GeneratedFile[],
  nodeId: string,
): GeneratedFile | undefined {
  let best: GeneratedFile | undefined;
  for (const file of files) {
    if (!file.nodeIds.includes(nodeId)) continue;
    if (!best || rank(file) > rank(best)) best = file;
  }
  return best;
}

/** 1-based numbers of the lines of `contents` that name `node`. */
export function linesNaming(contents: string, node: Pick<PipelineNode, 'kind' | 'name'>): number[] {
  const described = `${node.kind} ${displayName(node.name)}`.toLowerCase();
  const literal = tsString(node.name);
  const found: number[] = [];
  contents.split('\n').forEach((line, index) => {
    if (line.toLowerCase().includes(described) || line.includes(literal)) found.push(index + 1);
  });
  return found;
}
