import type { PipelineDocument } from '../../shared/document';

/** How many undo steps are kept; older ones are dropped. */
export const HISTORY_LIMIT = 200;
/** Commits with the same key closer together than this become one undo step (typing bursts). */
export const DEFAULT_COALESCE_MS = 1000;

/** The document store's state: the open document, where it lives, and its undo history. */
export interface DocumentState {
  document: PipelineDocument;
  /** The file it was opened from or saved to; null for a new or imported document. */
  path: string | null;
  /** The document as last opened or saved; the document is dirty when it is another object. */
  saved: PipelineDocument | null;
  past: readonly PipelineDocument[];
  future: readonly PipelineDocument[];
  /** Key and time of the last commit, so a drag or a burst of typing becomes one undo step. */
  lastCommit: { key: string; at: number } | null;
}

export interface CommitOptions {
  /** Commits with the same key within `windowMs` of each other coalesce into one step. */
  coalesceKey?: string;
  /** Defaults to DEFAULT_COALESCE_MS; Infinity for a gesture such as one drag. */
  windowMs?: number;
  now?: number;
}

export function initialDocumentState(
  document: PipelineDocument,
  path: string | null = null,
  { dirty = false } = {},
): DocumentState {
  return {
    document,
    path,
    saved: dirty ? null : document,
    past: [],
    future: [],
    lastCommit: null,
  };
}

export const isDirty = (state: DocumentState): boolean => state.document !== state.saved;
export const canUndo = (state: DocumentState): boolean => state.past.length > 0;
export const canRedo = (state: DocumentState): boolean => state.future.length > 0;

/** Makes `next` the current document as one undo step (or merges it into the last one). */
export function commit(
  state: DocumentState,
  next: PipelineDocument,
  options: CommitOptions = {},
): DocumentState {
  if (next === state.document) return state;
  const now = options.now ?? Date.now();
  const key = options.coalesceKey;
  const window = options.windowMs ?? DEFAULT_COALESCE_MS;
  const coalesce =
    key !== undefined &&
    state.lastCommit !== null &&
    state.lastCommit.key === key &&
    now - state.lastCommit.at <= window &&
    state.past.length > 0;
  const past = coalesce ? state.past : [...state.past, state.document].slice(-HISTORY_LIMIT);
  return {
    ...state,
    document: next,
    past,
    future: [],
    lastCommit: key === undefined ? null : { key, at: now },
  };
}

export function undo(state: DocumentState): DocumentState {
  const previous = state.past[state.past.length - 1];
  if (!previous) return state;
  return {
    ...state,
    document: previous,
    past: state.past.slice(0, -1),
    future: [state.document, ...state.future],
    lastCommit: null,
  };
}

export function redo(state: DocumentState): DocumentState {
  const next = state.future[0];
  if (!next) return state;
  return {
    ...state,
    document: next,
    past: [...state.past, state.document],
    future: state.future.slice(1),
    lastCommit: null,
  };
}

/** After a save: the file now holds this document. */
export function markSaved(
  state: DocumentState,
  path: string,
  document = state.document,
): DocumentState {
  return { ...state, path, saved: document, lastCommit: null };
}
