import type { NodeKind, PipelineDocument } from '../../shared/document';
import type { XY } from '../editing/new-node';
import type { SimulateSettings } from '../simulation/settings';
import type { DocumentState } from '../state/history';
import type { RunStoreState } from '../state/run-store';
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
  /** The real run: whether one is on, and what the host is busy with. */
  run: { active: boolean; busy: RunStoreState['busy'] };
  /** A simulation is running (in its worker). */
  simulating: boolean;
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
  | { type: 'toast'; message: string; tone: 'info' | 'warning' | 'error' }
  /** Starts or stops work (a real run, a simulation): the shell's dispatcher carries it out. */
  | RunEffect
  | SimulationEffect;

export type RunEffect =
  | { type: 'run'; command: 'start'; document: PipelineDocument }
  | { type: 'run'; command: 'stop' | 'monitor' };

export type SimulationEffect =
  | { type: 'simulation'; command: 'start'; document: PipelineDocument; settings: SimulateSettings }
  | { type: 'simulation'; command: 'cancel' };

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
