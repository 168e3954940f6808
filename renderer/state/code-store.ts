import type { GeneratedFile } from '../../shared/codegen';
import type { Diagnostic } from '../../shared/validation';
import { createSimpleStore, useSimpleStore } from './simple-store';
import type { GenerateOutcome } from '../code/generate';

/** The Code panel: whether it shows, the project generated from the open pipeline, the open file. */
export interface CodeState {
  open: boolean;
  width: number;
  /** The file the viewer shows. */
  path: string | null;
  /** The project of the last pipeline that could become code. */
  files: readonly GeneratedFile[];
  /** Why the current pipeline cannot become code; `files` are then from an earlier version. */
  problems: readonly Diagnostic[];
  /** The generator itself failed (a bug): its message. */
  failure: string | null;
  /** A regeneration is running. */
  pending: boolean;
  /** How long the last generation took. */
  ms: number | null;
  /** Files whose contents the last regeneration changed, marked in the tree for a moment. */
  changed: ReadonlySet<string>;
}

export const CODE_WIDTH = { min: 320, default: 660, max: 1100 } as const;
const STORAGE_KEY = 'pipewright.codePanel';

export const codeStore = createSimpleStore<CodeState>({
  open: false,
  width: CODE_WIDTH.default,
  path: null,
  files: [],
  problems: [],
  failure: null,
  pending: false,
  ms: null,
  changed: new Set(),
});

export function useCode<S>(selector: (state: CodeState) => S): S {
  return useSimpleStore(codeStore, selector);
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
const storage = (): Storage | undefined =>
  typeof localStorage === 'undefined' ? undefined : localStorage;

/** Whether the panel was open, and how wide, when the app last ran; defaults when unknown. */
export function loadCodeLayout(from: Storage | undefined = storage()): void {
  try {
    const parsed = JSON.parse(from?.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (parsed && typeof parsed === 'object') {
      const { open, width } = parsed as { open?: unknown; width?: unknown };
      codeStore.setState({
        open: open === true,
        width: typeof width === 'number' ? clampWidth(width) : CODE_WIDTH.default,
      });
    }
  } catch {
    // Storage unavailable or corrupt: the defaults stand.
  }
}

function saveLayout(to: Storage | undefined = storage()): void {
  const { open, width } = codeStore.getState();
  try {
    to?.setItem(STORAGE_KEY, JSON.stringify({ open, width }));
  } catch {
    // Not remembered; it still applies now.
  }
}

export const clampWidth = (width: number): number =>
  Math.round(Math.min(CODE_WIDTH.max, Math.max(CODE_WIDTH.min, width)));

export function setCodeOpen(open: boolean): void {
  codeStore.setState({ open });
  saveLayout();
}

export const toggleCodePanel = (): void => setCodeOpen(!codeStore.getState().open);

export function setCodeWidth(width: number): void {
  codeStore.setState({ width: clampWidth(width) });
  saveLayout();
}

export const openFile = (path: string): void => codeStore.setState({ path });

/** Takes a generation's outcome into the store, keeping the open file when it still exists. */
export function applyOutcome(outcome: GenerateOutcome): void {
  if (!outcome.ok) {
    codeStore.setState(
      'problems' in outcome
        ? { problems: outcome.problems, failure: null, pending: false }
        : { failure: outcome.message, pending: false },
    );
    return;
  }
  codeStore.setState((state) => {
    const before = new Map(state.files.map((f) => [f.path, f.contents]));
    const differ = outcome.files.filter((f) => before.get(f.path) !== f.contents);
    // Marks point out what an edit changed; a new project (another pipeline opened) gets none.
    const edit = state.files.length > 0 && differ.length <= outcome.files.length / 2;
    const changed = new Set(edit ? differ.map((f) => f.path) : []);
    const keep = state.path !== null && outcome.files.some((f) => f.path === state.path);
    return {
      files: outcome.files,
      problems: [],
      failure: null,
      pending: false,
      ms: outcome.ms,
      changed,
      path: keep ? state.path : (outcome.files.find((f) => f.path === 'README.md')?.path ?? null),
    };
  });
}

loadCodeLayout();
