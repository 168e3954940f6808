import type { HostApi } from '../api';
import { setEffectHandler } from '../actions/run';
import { connectTheory } from '../analysis/theory';
import { connectRuns } from '../runs/run-controller';
import { connectDiagnostics } from '../state/diagnostics-store';
import { setUi, showToast } from '../state/ui-store';
import { connectAutosave, sessionKey } from './autosave';
import { handleEffect } from './effects';
import { setHost } from '../api/host';
import { loadIntoEditor } from './load';
import { runMenuCommand } from './menu';
import { connectTitle } from './title';
import { createValidator } from './validator';

/**
 * Starts the editor session: connects actions, diagnostics, title and autosave to the host,
 * learns what the host offers (examples, recent files, settings), opens any document the host
 * was asked to open, and offers to restore work left by a crash.
 */
export async function startSession(api: HostApi): Promise<() => void> {
  setHost(api);
  setEffectHandler(handleEffect);
  const stops = [
    connectDiagnostics(undefined, createValidator()),
    connectTheory(),
    api.onStatus((connection) => setUi({ connection })),
    api.on('menu:command', ({ command }) => runMenuCommand(command)),
    api.on('document:opened', (opened) => loadIntoEditor(opened.document, opened.path)),
    connectRuns(api),
  ];
  setUi({ connection: api.status() });

  const [info, settings, examples, recovery, pending] = await Promise.allSettled([
    api['app:info']({}),
    api['settings:get']({}),
    api['examples:list']({}),
    api['recovery:list']({}),
    api['documents:pending']({}),
  ]);
  if (info.status === 'fulfilled') setUi({ appInfo: info.value });
  if (settings.status === 'fulfilled') {
    setUi({ themePreference: settings.value.theme, recentFiles: settings.value.recentFiles });
  }
  if (examples.status === 'fulfilled') setUi({ examples: examples.value });
  if (recovery.status === 'fulfilled') {
    const newest = [...recovery.value].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    setUi({ recovery: newest });
  }
  const opened = pending.status === 'fulfilled' ? pending.value.at(-1) : undefined;
  if (opened) loadIntoEditor(opened.document, opened.path);
  if (info.status === 'rejected') {
    showToast('Could not reach the Pipewright host; files cannot be opened or saved.', 'error');
  }

  stops.push(connectTitle(), connectAutosave(sessionKey()));
  return () => {
    for (const stop of stops) stop();
    setEffectHandler(null);
    setHost(null);
  };
}
