import { formatShortcut } from '../actions/keyboard';
import { runAction } from '../actions/run';
import { readClipboard } from '../documents/clipboard';
import type { AnyAction } from '../actions/registry';
import { Icon, type IconName } from './icons';
import { useIsMac } from './usePlatform';

/** Runs an action from a button: reads the clipboard first for actions that need it. */
export async function runFromUi(action: AnyAction): Promise<void> {
  const input = action.needs === 'clipboard' ? await readClipboard() : undefined;
  await runAction(action, input);
}

/**
 * A toolbar button for a registered action, with a tooltip naming the action and its shortcut.
 */
export function ActionButton({
  action,
  icon,
  enabled = true,
  showLabel = false,
}: {
  action: AnyAction;
  icon: IconName;
  enabled?: boolean;
  showLabel?: boolean;
}) {
  const isMac = useIsMac();
  const shortcut = action.shortcuts?.[0];
  const tip = shortcut ? `${action.label} (${formatShortcut(shortcut, isMac)})` : action.label;
  return (
    <button
      type="button"
      className={`tool-btn${showLabel ? ' tool-btn--label' : ''}`}
      data-tooltip={tip}
      aria-label={tip}
      data-action={action.id}
      disabled={!enabled}
      onClick={() => void runFromUi(action)}
    >
      <Icon name={icon} />
      {showLabel ? <span>{action.label.replace('…', '')}</span> : null}
    </button>
  );
}
