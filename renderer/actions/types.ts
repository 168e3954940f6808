import type { NodeKind } from '../../shared/document';
import type { XY } from '../editing/new-node';
import type { DocumentState } from '../state/history';
import type { Selection } from '../state/selection-store';
import type { DialogName, ThemePreference } from '../state/ui-store';

/** What an action sees: the document store's state, the selection, and a little context. */
export interface ActionState {
  doc: DocumentState;
  selection: Selection;
  /** For undo coalescing; passed in so actions stay pure. */
  now: number;
  /** The centre of the visible canvas in flow coordinates: where new nodes appear by default. */
  viewCenter: XY;
  themePreference: ThemePreference;
  systemTheme: 'light' | 'dark';
}

/** Things an action asks the editor shell to do besides changing state. */
export type Effect =
  | { type: 'fit-view'; nodeIds?: string[] }
  | { type: 'reveal'; nodeIds: string[] }
  | { type: 'clipboard-write'; text: string }
  | { type: 'dialog'; dialog: DialogName }
  | { type: 'rename'; nodeId: string }
  | { type: 'file'; command: 'open' | 'save' | 'save-as' | 'import' | 'export' }
  | { type: 'theme'; preference: ThemePreference }
  /** Shows or hides a side panel. */
  | { type: 'panel'; panel: 'code' }
  | { type: 'toast'; message: string; tone: 'info' | 'warning' | 'error' };

export interface ActionResult {
  /** The next document-store state (history included), if the action changed the document. */
  doc?: DocumentState;
  selection?: Selection;
  effects?: Effect[];
}

export type ActionGroup = 'file' | 'edit' | 'insert' | 'view' | 'canvas';

/**
 * An editor operation (Excalidraw style): toolbar, menus, keyboard and quick-add all run the
 * same registered action. `perform` is a pure function of the state and its input.
 */
export interface Action<I = void> {
  id: string;
  label: string;
  group: ActionGroup;
  /** e.g. `Mod+Z` (Mod is Ctrl, or Cmd on macOS); the first one is shown in tooltips. */
  shortcuts?: readonly string[];
  /** Shortcuts that also fire while typing in a text field (undo/redo). */
  shortcutInFields?: boolean;
  /** Offered in the quick-add / command box. */
  inQuickAdd?: boolean;
  /** The shell reads the clipboard and passes its text as input. */
  needs?: 'clipboard';
  enabled?(state: ActionState): boolean;
  perform(state: ActionState, input: I): ActionResult | Promise<ActionResult>;
}

// Inputs of the actions that take one.
export interface AddNodeInput {
  kind: NodeKind;
  position?: XY;
  /** Also connect the new node to an existing one (a connection dropped on empty canvas). */
  link?: { nodeId: string; direction: 'from' | 'to'; on?: 'completed' | 'failed' };
}
