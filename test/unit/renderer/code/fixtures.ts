import { generateProject, type GeneratedFile } from '../../../../shared/codegen';
import type { PipelineDocument } from '../../../../shared/document';
import { welcomeDoc } from '../actions/fixtures';

export { welcomeDoc };

/** The real project of the welcome pipeline (signup → emails → email-sender → dead-letters). */
export const welcomeProject = (doc: PipelineDocument = welcomeDoc()): Promise<GeneratedFile[]> =>
  generateProject(doc);

/** A file made by hand, for the tree and ranking rules. */
export const fileAt = (
  path: string,
  nodeIds: string[] = [],
  kind: GeneratedFile['kind'] = 'generated',
): GeneratedFile => ({ path, contents: `// ${path}\n`, kind, nodeIds });
