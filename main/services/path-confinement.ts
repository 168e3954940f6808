import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { apiError } from './api-errors';
import { DOCUMENT_SUFFIX, resolveUserPath } from './paths';

/**
 * Every path the page sends (open, save, export, report) goes through here, because the page is
 * untrusted: it may only reach what the user chose. Web mode: files inside the host folder
 * (`--host-dir`) and the app's data folder. Electron: paths a native dialog returned since the app
 * started, files the OS or the command line handed over, and the recent files list. A path is
 * judged by where it really leads — `~`, `..`, and symbolic links on the way are resolved first.
 */

/** What the page wants to do with a path; each use is checked the same way. */
export type PathUse = 'open' | 'save' | 'export' | 'report';

export interface PathConfinement {
  /**
   * The real, absolute path to use in place of `raw`, or an ApiError `forbidden` naming the
   * path and what the user can do. For `export` the path is a folder, for the rest a file.
   */
  confine(raw: string, use: PathUse): Promise<string>;
  /** The user chose this file (a dialog, the OS, the command line): the page may use it. */
  grantFile(path: string): Promise<void>;
  /** The user chose this folder in a dialog: the page may export into it (and below it). */
  grantFolder(path: string): Promise<void>;
  /** The folder web mode works in (suggested for new files), or null in the desktop app. */
  readonly hostDir: string | null;
}

export interface FolderConfinementOptions {
  /** Web mode's `--host-dir`: the page may read and write anywhere inside it. */
  hostDir: string;
  /** The app's own data folder (settings, recovery copies), allowed too. */
  dataDir: string;
}

export interface ChoiceConfinementOptions {
  /** Files on the recent list (Open Recent in the page). */
  recentFiles(): Promise<string[]>;
}

const USE_VERB: Record<PathUse, string> = {
  open: 'open',
  save: 'save to',
  export: 'export to',
  report: 'save the report to',
};

/** True when `target` is `root` itself (when allowed) or lies below it. */
export function isInside(root: string, target: string, orSame = false): boolean {
  const rel = relative(root, target);
  if (rel === '') return orSame;
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Where `path` really leads: the real path of its longest existing part (symbolic links
 * resolved), followed by the parts that do not exist yet. A dangling symbolic link is refused,
 * since writing through it would create a file wherever it points.
 */
export async function realTarget(path: string): Promise<string> {
  const missing: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      const real = await fs.realpath(current);
      return join(real, ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const link = await fs.lstat(current).catch(() => null);
      if (link?.isSymbolicLink()) {
        throw apiError('forbidden', `${current} is a symbolic link to nothing; remove it first`);
      }
      const parent = dirname(current);
      if (parent === current) throw error;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** Web mode: the host folder and the data folder. */
export function confineToFolders(options: FolderConfinementOptions): PathConfinement {
  const hostDir = resolve(options.hostDir);
  const dataDir = resolve(options.dataDir);
  const chosen = createGrants();
  const realRoot = (dir: string) => fs.realpath(dir).catch(() => dir);
  return {
    hostDir,
    grantFile: chosen.grantFile,
    grantFolder: chosen.grantFolder,
    async confine(raw, use) {
      const real = await absoluteTarget(raw, use);
      if (isInside(await realRoot(hostDir), real, use === 'export')) return real;
      // The data folder holds settings and recovery copies: the page may keep pipelines there,
      // but must not read or overwrite those files, nor drop exports and reports among them.
      const inData = isInside(await realRoot(dataDir), real, use === 'export');
      if (inData && isDataDocument(real, use)) return real;
      if (await chosen.allows(real, use)) return real;
      const dataRule = inData
        ? `${dataDir} (the data folder) takes only *${DOCUMENT_SUFFIX} pipelines; `
        : '';
      throw apiError(
        'forbidden',
        `cannot ${USE_VERB[use]} ${raw}: ${dataRule}in web mode Pipewright only works inside ` +
          `${hostDir} (its host folder) and, for *${DOCUMENT_SUFFIX} pipelines, ${dataDir} ` +
          '(its data folder); choose a path there, or restart with ' +
          '`pipewright serve --host-dir DIR` to work in another folder',
      );
    },
  };
}

/** In the data folder only pipeline documents may be opened or saved. */
function isDataDocument(real: string, use: PathUse): boolean {
  return (use === 'open' || use === 'save') && basename(real).endsWith(DOCUMENT_SUFFIX);
}

/** The desktop app: what the user chose in a native dialog, handed over, or opened recently. */
export function confineToChoices(options: ChoiceConfinementOptions): PathConfinement {
  const chosen = createGrants();
  return {
    hostDir: null,
    grantFile: chosen.grantFile,
    grantFolder: chosen.grantFolder,
    async confine(raw, use) {
      const real = await absoluteTarget(raw, use);
      if (await chosen.allows(real, use)) return real;
      if (use === 'open' || use === 'save') {
        const recent = await Promise.all(
          (await options.recentFiles()).map((path) => realTarget(path).catch(() => null)),
        );
        if (recent.includes(real)) return real;
      }
      const how =
        use === 'export'
          ? 'choose the folder with Choose…'
          : 'choose it with File › Open or Save As';
      throw apiError(
        'forbidden',
        `cannot ${USE_VERB[use]} ${raw}: it was not chosen in a file dialog; ${how}`,
      );
    },
  };
}

async function absoluteTarget(raw: string, use: PathUse): Promise<string> {
  const absolute = resolveUserPath(raw);
  if (absolute === null) {
    throw apiError(
      'invalid-request',
      `cannot ${USE_VERB[use]} ${JSON.stringify(raw)}: it is not an absolute path; give the full path, e.g. /home/me/pipelines/emails.pipewright.json or ~/pipelines/emails.pipewright.json`,
    );
  }
  return realTarget(absolute);
}

/** Files and folders the user chose, by real path. */
function createGrants() {
  const files = new Set<string>();
  const folders = new Set<string>();
  return {
    grantFile: async (path: string) => void files.add(await realTarget(path)),
    grantFolder: async (path: string) => void folders.add(await realTarget(path)),
    allows: async (real: string, use: PathUse) => {
      // A folder chosen for an export is not a licence to write documents or reports there.
      if (use !== 'export') return files.has(real);
      for (const folder of folders) if (isInside(folder, real, true)) return true;
      return false;
    },
  };
}
