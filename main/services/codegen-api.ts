import type { CodegenRequestChannel, ResponseOf, ValidRequestOf } from '../../shared/api/contract';
import { CodegenError, generateProject } from '../../shared/codegen';
import { parseDocumentValue, type DocumentError } from '../../shared/document';
import { apiError, invalidDocument } from './api-errors';
import { ExportError, exportProject, inspectFolder } from './export';
import { resolveUserPath } from './paths';

/**
 * The code-generation channels (issue 4): export a pipeline's project into a folder on the host,
 * and pick that folder with a native dialog. The renderer generates the same files itself to show
 * them; the host generates them again from the document it is sent, because the renderer is
 * untrusted and the host is the one that writes.
 */

export type CodegenHandlers = {
  [C in CodegenRequestChannel]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface CodegenServicesOptions {
  /**
   * Where a folder the page names really is, or a `forbidden` ApiError when the page may not
   * write there (see path-confinement.ts). Without it, any absolute path is taken (tests only).
   */
  confine?: (folder: string) => Promise<string>;
  /** The host's native folder dialog (Electron); absent in web mode. */
  pickFolder?: (() => Promise<string | null>) | undefined;
}

/** A codegen diagnostic as a problem the export dialog can list. */
function codegenErrors(error: CodegenError): DocumentError[] {
  return error.diagnostics.map((d) => ({
    path: d.nodeId ? `node ${d.nodeId}` : d.edgeId ? `edge ${d.edgeId}` : '',
    message: `${d.message} (${d.hint})`,
  }));
}

export function createCodegenHandlers(options: CodegenServicesOptions = {}): CodegenHandlers {
  return {
    'codegen:export': async ({ document, folder, force }) => {
      const root = options.confine ? await options.confine(folder) : resolveUserPath(folder);
      if (root === null) {
        throw apiError(
          'invalid-request',
          `cannot export to ${JSON.stringify(folder)}: give the folder as a full path, e.g. /home/me/my-pipeline or ~/my-pipeline`,
        );
      }
      const parsed = parseDocumentValue(document);
      if (!parsed.ok) throw invalidDocument(parsed.errors);
      let files;
      try {
        files = await generateProject(parsed.document);
      } catch (error) {
        if (!(error instanceof CodegenError)) throw error;
        const errors = codegenErrors(error);
        const [first] = errors;
        const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
        throw apiError(
          'invalid-document',
          `the pipeline cannot become code yet: ${first?.message ?? error.message}${more}`,
          errors,
        );
      }
      try {
        if (!force) {
          // Said here, with its own code, so the app can offer to write into the folder anyway.
          const state = await inspectFolder(root);
          if (!state.empty && !state.manifest) {
            throw apiError(
              'already-exists',
              `${root} holds other files and no earlier Pipewright export; choose an empty folder, ` +
                'or export into it anyway (handlers are never overwritten)',
            );
          }
        }
        const report = await exportProject(root, files, { force: force ?? false });
        return { folder: report.folder, files: report.files, stale: report.stale };
      } catch (error) {
        if (error instanceof ExportError) throw apiError('forbidden', error.message);
        throw error;
      }
    },
    'codegen:pickFolder': async () => {
      if (!options.pickFolder) {
        throw apiError(
          'unsupported',
          'this host has no native folder dialog (web mode); type the full path of the folder instead',
        );
      }
      const path = await options.pickFolder();
      return path === null ? null : { path };
    },
  };
}
