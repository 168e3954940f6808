import { addAfterSelectionAction } from './add-after';
import { addNodeAction } from './add-node';
import { autoLayoutAction } from './auto-layout';
import { connectAction } from './connect';
import { copyAction } from './copy';
import { cutAction } from './cut';
import { deleteAction } from './delete';
import { duplicateAction } from './duplicate';
import { editDocumentAction } from './edit-document';
import { editEdgeAction } from './edit-edge';
import { editNodesAction } from './edit-nodes';
import { exportCodeAction } from './export-code';
import {
  exportAction,
  importAction,
  newDocumentAction,
  openAction,
  saveAction,
  saveAsAction,
} from './file-actions';
import { fitViewAction } from './fit-view';
import { insertFragmentAction } from './insert-fragment';
import { keepLiveChangesAction } from './keep-live-changes';
import { matchesShortcut, parseShortcut, type KeyLike } from './keyboard';
import { moveNodesAction } from './move-nodes';
import { pasteAction } from './paste';
import { redoAction } from './redo';
import { renameAction } from './rename';
import { runMonitorAction } from './run-monitor';
import { importRedisAction } from './import-redis';
import { runStartAction } from './run-start';
import { runStopAction } from './run-stop';
import {
  addScenarioEventAction,
  deleteScenarioEventAction,
  editScenarioEventAction,
} from './scenario-events';
import { selectAllAction } from './select-all';
import { cancelSimulationAction, simulateAction } from './simulate';
import { showCodeAction } from './show-code';
import type { Action } from './types';
import { aboutAction, quickAddAction, toggleThemeAction } from './ui-actions';
import { undoAction } from './undo';
import { zoomToSelectionAction } from './zoom-to-selection';

/** Every editor operation, once. Toolbar, menus, keyboard and quick-add all look here. */
export const ACTIONS = [
  newDocumentAction,
  openAction,
  saveAction,
  saveAsAction,
  importAction,
  exportAction,
  exportCodeAction,
  undoAction,
  redoAction,
  cutAction,
  copyAction,
  pasteAction,
  duplicateAction,
  deleteAction,
  selectAllAction,
  renameAction,
  quickAddAction,
  addNodeAction,
  addAfterSelectionAction,
  insertFragmentAction,
  connectAction,
  moveNodesAction,
  editNodesAction,
  editEdgeAction,
  editDocumentAction,
  addScenarioEventAction,
  editScenarioEventAction,
  deleteScenarioEventAction,
  autoLayoutAction,
  fitViewAction,
  zoomToSelectionAction,
  showCodeAction,
  toggleThemeAction,
  aboutAction,
  simulateAction,
  cancelSimulationAction,
  runStartAction,
  runStopAction,
  runMonitorAction,
  importRedisAction,
  keepLiveChangesAction,
] as const;

/** Any registered action, its input type erased (for lists, menus and key handling). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- inputs differ per action
export type AnyAction = Action<any>;

const byId = new Map<string, AnyAction>(ACTIONS.map((a: AnyAction) => [a.id, a]));

export function getAction(id: string): AnyAction | undefined {
  return byId.get(id);
}

/** A shortcut that is just a character (`/`): in a text field, that key types. */
function typesText(shortcut: string): boolean {
  const s = parseShortcut(shortcut);
  return !s.mod && !s.alt && s.key.length === 1;
}

/**
 * The action a key press triggers, if any. In a text field only actions marked
 * `shortcutInFields` (undo, redo, save, open…) fire, and never on a key that types a character.
 */
export function actionForKey(
  event: KeyLike,
  isMac: boolean,
  inTextField: boolean,
): AnyAction | undefined {
  return ACTIONS.find((a: AnyAction) =>
    (a.shortcuts ?? []).some(
      (s) =>
        (!inTextField || (a.shortcutInFields === true && !typesText(s))) &&
        matchesShortcut(s, event, isMac),
    ),
  );
}
