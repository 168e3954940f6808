import { CodegenError, generateProject, type GeneratedFile } from '../../shared/codegen';
import type { PipelineDocument } from '../../shared/document';
import type { Diagnostic } from '../../shared/validation';

/** What generating a document's project came to, as plain data (it crosses to a Web Worker). */
export type GenerateOutcome =
  | { ok: true; files: GeneratedFile[]; ms: number }
  /** The pipeline cannot become code yet: what to fix, per node or edge. */
  | { ok: false; problems: Diagnostic[] }
  /** The generator itself failed: a bug, reported as such. */
  | { ok: false; message: string };

export async function generateOutcome(doc: PipelineDocument): Promise<GenerateOutcome> {
  const started = performance.now();
  try {
    const files = await generateProject(doc);
    return { ok: true, files, ms: performance.now() - started };
  } catch (error) {
    if (error instanceof CodegenError) return { ok: false, problems: error.diagnostics };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
