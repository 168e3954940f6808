import { z } from 'zod';

/**
 * Request schemas and response types of the codegen channels (exporting the generated project
 * into a folder on the host). The channels themselves are in contract.ts with all the others.
 */

/** What export did with each file: see main/services/export.ts. */
export interface CodegenExportedFile {
  /** Relative to the folder, `/`-separated. */
  path: string;
  /** `handler`: the user's code, never overwritten; `generated`: regenerated every time. */
  kind: 'handler' | 'generated';
  /**
   * `written`: new; `changed`: regenerated over different contents; `unchanged`: already
   * identical; `kept`: a handler that exists and differs, left as the user wrote it.
   */
  status: 'written' | 'changed' | 'unchanged' | 'kept';
}

export interface CodegenExportReport {
  /** The folder written, as the host resolved it. */
  folder: string;
  files: CodegenExportedFile[];
  /** Files an earlier export wrote that the pipeline no longer has; left in place. */
  stale: string[];
}

export function codegenSchemas() {
  const folderMessage = 'must be the full path of a folder on the host';
  const exportRequest = z.strictObject({
    /** Validated again by the host, which generates the files itself. */
    document: z.unknown(),
    /** Absolute, or starting with `~/`; created when missing. */
    folder: z
      .string({ error: folderMessage })
      .min(1, { error: folderMessage })
      .max(4096, { error: 'must be at most 4096 characters' }),
    /**
     * Write into a folder that holds other files and no earlier export (refused with
     * `already-exists` otherwise). Handlers are never overwritten either way.
     */
    force: z.boolean({ error: 'must be true or false' }).optional(),
  });
  return { export: exportRequest, none: z.strictObject({}) };
}
