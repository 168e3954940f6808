import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { AppInfo, ExampleInfo, RecentFile } from '../../shared/api/contract';
import type { PipelineDocument } from '../../shared/document';

export interface RecoveryEntry {
  key: string;
  savedAt: string;
  document: PipelineDocument;
}

/** What the host told the editor: app info, recent files, examples, recovered work, connection. */
export interface HostInfoState {
  appInfo: AppInfo | null;
  recentFiles: RecentFile[];
  examples: ExampleInfo[];
  recovery: RecoveryEntry[];
  /** Web mode: the host connection dropped and is being retried. */
  connection: 'connecting' | 'connected' | 'disconnected' | 'closed';
}

export const hostInfoStore = createStore<HostInfoState>()(() => ({
  appInfo: null,
  recentFiles: [],
  examples: [],
  recovery: [],
  connection: 'connecting',
}));

export function useHostInfo<T>(selector: (state: HostInfoState) => T): T {
  return useStore(hostInfoStore, selector);
}

export const setHostInfo = (patch: Partial<HostInfoState>): void => hostInfoStore.setState(patch);
