import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { AppSettings, RecentFile } from '../../shared/api/contract';
import { realFs, writeFileAtomic, type AtomicFs } from './atomic-write';
import { describeFsError } from './document-file';

export const SETTINGS_FILE = 'settings.json';
export const MAX_RECENT_FILES = 10;

export type WindowState = NonNullable<AppSettings['window']>;
export type SettingsPatch = Partial<Pick<AppSettings, 'theme' | 'redisUrl'>>;

const recentFileSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
/** Lenient about keys a newer version may add (they are dropped), strict about the ones we use. */
const settingsFileSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  recentFiles: z.array(recentFileSchema).default([]),
  window: z
    .object({
      x: z.number().int().optional(),
      y: z.number().int().optional(),
      width: z.number().int().min(200).max(20_000),
      height: z.number().int().min(150).max(20_000),
      maximized: z.boolean(),
    })
    .optional(),
  redisUrl: z.string().optional(),
});

export const defaultSettings = (): AppSettings => ({ theme: 'system', recentFiles: [] });

export interface SettingsStore {
  readonly path: string;
  get(): Promise<AppSettings>;
  update(patch: SettingsPatch): Promise<AppSettings>;
  setWindow(state: WindowState): Promise<AppSettings>;
  addRecent(path: string, name: string): Promise<RecentFile[]>;
  clearRecent(): Promise<RecentFile[]>;
  /** Waits for writes in flight. */
  flush(): Promise<void>;
}

export interface SettingsStoreOptions {
  userDataDir: string;
  fs?: AtomicFs;
  warn?: (message: string) => void;
  now?: () => Date;
}

/**
 * Settings persisted as JSON in the user data folder. Loaded once; every change is written
 * atomically, one write at a time. A file that cannot be read as settings is set aside (renamed,
 * never deleted) and defaults are used, with a warning saying where the old file went.
 */
export function createSettingsStore(options: SettingsStoreOptions): SettingsStore {
  const { userDataDir, fs: writeFs = realFs, warn = () => undefined } = options;
  const now = options.now ?? (() => new Date());
  const path = join(userDataDir, SETTINGS_FILE);
  let loaded: Promise<AppSettings> | undefined;
  let writes: Promise<void> = Promise.resolve();

  const load = (): Promise<AppSettings> => (loaded ??= readSettings(path, warn, now));

  const change = async (mutate: (s: AppSettings) => AppSettings): Promise<AppSettings> => {
    const next = mutate(structuredClone(await load()));
    loaded = Promise.resolve(next);
    const text = `${JSON.stringify(next, null, 2)}\n`;
    // Serialise writes so an older state can never land after a newer one.
    const write = writes.then(async () => {
      await writeFs.mkdir(userDataDir, { recursive: true });
      await writeFileAtomic(path, text, writeFs);
    });
    writes = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      throw new Error(`could not save settings to ${path}: ${describeFsError(error)}`, {
        cause: error,
      });
    }
    return structuredClone(next);
  };

  return {
    path,
    get: async () => structuredClone(await load()),
    update: (patch) =>
      change((s) => {
        if (patch.theme !== undefined) s.theme = patch.theme;
        if (patch.redisUrl !== undefined) {
          if (patch.redisUrl === '') delete s.redisUrl;
          else s.redisUrl = patch.redisUrl;
        }
        return s;
      }),
    async setWindow(state) {
      const current = await load();
      // Closing a window that was not moved should not rewrite the file.
      if (JSON.stringify(current.window) === JSON.stringify(state)) return structuredClone(current);
      return change((s) => ({ ...s, window: state }));
    },
    addRecent: async (filePath, name) =>
      (
        await change((s) => {
          const key = samePathKey(filePath);
          const others = s.recentFiles.filter((r) => samePathKey(r.path) !== key);
          const entry = { path: filePath, name, openedAt: now().toISOString() };
          return { ...s, recentFiles: [entry, ...others].slice(0, MAX_RECENT_FILES) };
        })
      ).recentFiles,
    clearRecent: async () => (await change((s) => ({ ...s, recentFiles: [] }))).recentFiles,
    flush: () => writes,
  };
}

/** Paths that name the same file on case-insensitive file systems compare equal. */
function samePathKey(path: string): string {
  return process.platform === 'win32' || process.platform === 'darwin' ? path.toLowerCase() : path;
}

async function readSettings(
  path: string,
  warn: (message: string) => void,
  now: () => Date,
): Promise<AppSettings> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultSettings();
    warn(`Could not read settings from ${path} (${describeFsError(error)}); using defaults.`);
    return defaultSettings();
  }
  let problem: string;
  try {
    const parsed = settingsFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { window, redisUrl, ...rest } = parsed.data;
      return { ...rest, ...(window ? { window } : {}), ...(redisUrl ? { redisUrl } : {}) };
    }
    const issue = parsed.error.issues[0];
    problem = `${issue?.path.join('.') || '(file)'}: ${issue?.message ?? 'invalid'}`;
  } catch (error) {
    problem = `invalid JSON: ${(error as Error).message}`;
  }
  const aside = `${path.slice(0, -'.json'.length)}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`;
  try {
    await fs.rename(path, aside);
    warn(
      `The settings file ${path} was damaged (${problem}). It was set aside as ${aside}; defaults are used.`,
    );
  } catch (error) {
    warn(
      `The settings file ${path} was damaged (${problem}) and could not be set aside (${describeFsError(error)}); defaults are used.`,
    );
  }
  return defaultSettings();
}
