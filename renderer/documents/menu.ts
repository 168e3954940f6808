import type { MenuCommand } from '../../shared/api/contract';
import { exportCodeAction } from '../actions/export-code';
import { fitViewAction } from '../actions/fit-view';
import { newDocumentAction, openAction, saveAction, saveAsAction } from '../actions/file-actions';
import { redoAction } from '../actions/redo';
import { runAction } from '../actions/run';
import { runStartAction } from '../actions/run-start';
import { runStopAction } from '../actions/run-stop';
import { selectAllAction } from '../actions/select-all';
import { simulateAction } from '../actions/simulate';
import type { Action } from '../actions/types';
import { aboutAction, toggleThemeAction } from '../actions/ui-actions';
import { undoAction } from '../actions/undo';
import { showToast } from '../state/toast-store';

/** Native menu commands run the same registered actions as the toolbar and the keyboard. */
export const MENU_ACTIONS: Partial<Record<MenuCommand, Action>> = {
  'file:new': newDocumentAction,
  'file:open': openAction,
  'file:save': saveAction,
  'file:saveAs': saveAsAction,
  'file:export': exportCodeAction,
  'edit:undo': undoAction,
  'edit:redo': redoAction,
  'edit:selectAll': selectAllAction,
  'view:fit': fitViewAction,
  'view:toggleTheme': toggleThemeAction,
  'run:simulate': simulateAction,
  'help:about': aboutAction,
  'run:start': runStartAction,
  'run:stop': runStopAction,
};

export function runMenuCommand(command: MenuCommand): void {
  const action = MENU_ACTIONS[command];
  if (action) void runAction(action, undefined);
  else showToast(`“${command}” is not available in this editor yet.`, 'warning');
}
