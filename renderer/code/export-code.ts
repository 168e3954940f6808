import type { CodegenExportReport } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/contract';
import { joinPath, suggestedFolder as suggestedFolderFor } from '../documents/host-folder';
import { host } from '../api/host';
import { errorsOf } from '../documents/host-errors';
import { documentStore } from '../state/document-store';
import { sharedGenerator } from './useCodeFollowing';
import { zipProject } from '../../shared/codegen/zip';
import { projectName } from './zip';

/** The folder each document was last exported to, for this session. */
const lastFolders = new Map<string, string>();
const documentKey = () => {
  const { path, document } = documentStore.getState();
  return path ?? `unsaved:${document.name}`;
};

const slug = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'pipeline';

/**
 * Where Export suggests writing: where this document went last time; else a folder named after
 * the pipeline beside its file (or beside the most recent file, or in web mode's host folder).
 */
export function suggestedFolder(): string {
  const last = lastFolders.get(documentKey());
  if (last) return last;
  const { path, document } = documentStore.getState();
  return joinPath(suggestedFolderFor(path), slug(document.name));
}

export type ExportResult =
  | { ok: true; report: CodegenExportReport }
  /** `exists`: the folder holds other files; exporting anyway needs `force`. */
  | { ok: false; exists: boolean; message: string; details: string[] };

/** Asks the host to generate the open pipeline's project and write it into `folder`. */
export async function exportToFolder(folder: string, force = false): Promise<ExportResult> {
  const document = documentStore.getState().document;
  try {
    const report = await host()['codegen:export']({ document, folder, force });
    lastFolders.set(documentKey(), folder);
    return { ok: true, report };
  } catch (error) {
    const exists = error instanceof ApiError && error.code === 'already-exists';
    const problems = errorsOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const details =
      problems.length > 1
        ? problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
        : [];
    return { ok: false, exists, message, details };
  }
}

/** The host's folder dialog (desktop app); null when cancelled. */
export async function pickFolder(): Promise<string | null> {
  const picked = await host()['codegen:pickFolder']({});
  return picked?.path ?? null;
}

/** Generates the project here in the browser and downloads it as `<name>.zip`. */
export async function downloadZip(): Promise<
  { ok: true; fileName: string } | { ok: false; message: string }
> {
  const outcome = await sharedGenerator().generate(documentStore.getState().document);
  if (!outcome.ok) {
    return {
      ok: false,
      message:
        'problems' in outcome
          ? `the pipeline cannot become code yet: ${outcome.problems.map((p) => p.message).join('; ')}`
          : `the code generator failed: ${outcome.message}`,
    };
  }
  const name = projectName(outcome.files);
  const bytes = zipProject(outcome.files, name);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${name}.zip`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, fileName: link.download };
}
