import { FORMAT, type PipelineDocument } from '../../shared/document';

export const UNTITLED = 'Untitled pipeline';

/** A new, empty pipeline. */
export const blankDocument = (name = UNTITLED): PipelineDocument => ({
  format: FORMAT,
  name,
  nodes: [],
  edges: [],
});
