import type { PipelineEdge, PipelineNode } from '../../../../shared/document/schema';
import { edge, pipeline, producer, queue, worker } from './build';

/**
 * A report pipeline with a flow: "split" fans out children onto "parts" (run by "render") and
 * continues as a parent on "assemble" (run by "merge").
 */
export function reportFlow(
  children: Omit<Partial<PipelineEdge>, 'from' | 'to'> = {},
  more: { nodes?: PipelineNode[]; edges?: PipelineEdge[]; parent?: boolean } = {},
) {
  return pipeline(
    [
      producer('p'),
      queue('reports', {}, 'reports'),
      worker('split', {}, 'split'),
      queue('parts', {}, 'parts'),
      worker('render', {}, 'render'),
      queue('assemble', {}, 'assemble'),
      worker('merge', {}, 'merge'),
      ...(more.nodes ?? []),
    ],
    [
      edge('p', 'reports'),
      edge('reports', 'split'),
      { ...edge('split', 'parts', { on: 'children', children: 4, ...children }), id: 'fan' },
      ...(more.parent === false
        ? []
        : [{ ...edge('split', 'assemble', { on: 'parent' }), id: 'join' }]),
      edge('parts', 'render'),
      edge('assemble', 'merge'),
      ...(more.edges ?? []),
    ],
  );
}
