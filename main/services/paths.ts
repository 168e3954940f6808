import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export const APP_NAME = 'Pipewright';
export const DOCUMENT_SUFFIX = '.pipewright.json';

/**
 * The folder for settings, recent files and recovery files — the same one Electron's
 * `app.getPath('userData')` would pick for "Pipewright", so the desktop app and web mode share it.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME);
}

/**
 * Web mode's default host folder, the only place (besides the data folder) its page may read and
 * write: `Pipewright` in the user's documents folder (XDG_DOCUMENTS_DIR where set).
 */
export function defaultHostDir(
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  const documents =
    env.XDG_DOCUMENTS_DIR && isAbsolute(env.XDG_DOCUMENTS_DIR)
      ? env.XDG_DOCUMENTS_DIR
      : join(home, 'Documents');
  return join(documents, APP_NAME);
}

/**
 * A path the user typed or a dialog gave: `~/` expands to the home folder; anything else must be
 * absolute, because the host has no meaningful working folder for the renderer.
 */
export function resolveUserPath(path: string, home: string = homedir()): string | null {
  if (path.includes('\u0000')) return null;
  if (path === '~') return home;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(home, path.slice(2));
  return isAbsolute(path) ? resolve(path) : null;
}

/** `emails` → `emails.pipewright.json`; `emails.json` → `emails.pipewright.json`. */
export function withDocumentSuffix(path: string): string {
  if (path.toLowerCase().endsWith(DOCUMENT_SUFFIX)) return path;
  if (path.toLowerCase().endsWith('.json'))
    return `${path.slice(0, -'.json'.length)}${DOCUMENT_SUFFIX}`;
  return `${path}${DOCUMENT_SUFFIX}`;
}
