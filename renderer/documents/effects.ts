import type { Effect } from '../actions/types';
import { canvasView } from '../canvas/view';
import { toggleCodePanel } from '../state/code-store';
import { openDialog, setUi, showToast } from '../state/ui-store';
import { writeClipboard } from './clipboard';
import { performWork } from './work-effects';
import { exportCommand, importCommand, openCommand, saveAsCommand, saveCommand } from './commands';
import { hasHost, host } from '../api/host';

/** Carries out what actions ask for besides state changes. */
export async function handleEffect(effect: Effect): Promise<void> {
  switch (effect.type) {
    case 'fit-view':
      canvasView()?.fit(effect.nodeIds);
      return;
    case 'reveal':
      requestAnimationFrame(() => canvasView()?.reveal(effect.nodeIds));
      return;
    case 'clipboard-write':
      writeClipboard(effect.text);
      return;
    case 'dialog':
      openDialog(effect.dialog);
      return;
    case 'rename':
      setUi({ renamingNodeId: effect.nodeId });
      return;
    case 'panel':
      toggleCodePanel();
      return;
    case 'toast':
      showToast(effect.message, effect.tone);
      return;
    case 'run':
    case 'simulation':
      performWork(effect);
      return;
    case 'theme':
      setUi({ themePreference: effect.preference });
      if (hasHost()) {
        await host()
          ['settings:update']({ theme: effect.preference })
          .catch(() => undefined);
      }
      return;
    case 'file':
      switch (effect.command) {
        case 'open':
          return openCommand();
        case 'save':
          return saveCommand();
        case 'save-as':
          return saveAsCommand();
        case 'import':
          return importCommand();
        case 'export':
          return exportCommand();
      }
  }
}
