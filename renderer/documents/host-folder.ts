import { hostInfoStore } from '../state/host-info-store';

const folderOf = (path: string) => path.replace(/[\\/][^\\/]*$/, '');
const under = (folder: string, root: string) =>
  folder === root || folder.startsWith(`${root}/`) || folder.startsWith(`${root}\\`);

/**
 * The folder to suggest for a new file or an export: beside `path` (the open document, else the
 * most recent file) when the host lets the page write there; in web mode otherwise the host
 * folder (`--host-dir`), the only place besides the data folder it may use.
 */
export function suggestedFolder(path: string | null): string {
  const { recentFiles, appInfo } = hostInfoStore.getState();
  const beside = path ?? recentFiles[0]?.path ?? null;
  const hostDir = appInfo?.hostDir ?? null;
  if (beside) {
    const folder = folderOf(beside);
    if (!hostDir || under(folder, hostDir) || under(folder, appInfo?.userDataDir ?? hostDir)) {
      return folder;
    }
  }
  return hostDir ?? appInfo?.userDataDir ?? '~';
}

/** `folder` + `name` with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return `${folder}${sep}${name}`;
}
