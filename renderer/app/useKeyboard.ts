import { useEffect } from 'react';
import { copyAction } from '../actions/copy';
import { cutAction } from '../actions/cut';
import { pasteAction } from '../actions/paste';
import { actionForKey } from '../actions/registry';
import { runAction, runActionSync } from '../actions/run';
import type { Action, Effect } from '../actions/types';
import { rememberClipboard } from '../documents/clipboard';
import { runFromUi } from '../panels/ActionButton';
import { EMPTY_SELECTION, setSelection } from '../state/selection-store';
import { dialogStore } from '../state/dialog-store';
import { renameStore } from '../state/rename-store';

const CLIPBOARD_ACTIONS = new Set(['copy', 'cut', 'paste']);

export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)
  );
}

/** The editor, not a dialog or a text field, has the keyboard. */
const editorHasKeys = (target: EventTarget | null) =>
  dialogStore.getState().dialog === null &&
  renameStore.getState().renamingNodeId === null &&
  !isTextField(target);

/**
 * Keyboard shortcuts come from the action registry. Copy, cut and paste go through the browser's
 * clipboard events instead, which carry the clipboard without asking for permission.
 */
export function useKeyboard(isMac: boolean): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (dialogStore.getState().dialog !== null) return;
      if (renameStore.getState().renamingNodeId !== null) return;
      const inText = isTextField(e.target);
      if (e.key === 'Escape') {
        // First Escape leaves a field, the next one clears the selection.
        if (inText) (e.target as HTMLElement).blur();
        else setSelection(EMPTY_SELECTION);
        return;
      }
      const action = actionForKey(e, isMac, inText);
      if (!action || CLIPBOARD_ACTIONS.has(action.id)) return;
      e.preventDefault();
      void runFromUi(action);
    };
    const toClipboard = (e: ClipboardEvent, action: Action) => {
      if (!editorHasKeys(e.target)) return;
      const take = (effect: Effect) => {
        if (effect.type !== 'clipboard-write') return false;
        e.clipboardData?.setData('text/plain', effect.text);
        rememberClipboard(effect.text);
        return true;
      };
      if (runActionSync(action, undefined, take).length > 0) e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent) => toClipboard(e, copyAction);
    const onCut = (e: ClipboardEvent) => toClipboard(e, cutAction);
    const onPaste = (e: ClipboardEvent) => {
      if (!editorHasKeys(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      void runAction(pasteAction, text);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [isMac]);
}
