import { showCodeAction } from '../actions/show-code';
import { formatShortcut } from '../actions/keyboard';
import { runFromUi } from '../panels/ActionButton';
import { useIsMac } from '../panels/usePlatform';
import { useCode } from '../state/code-store';

/** The toolbar's Code button: shows or hides the Code panel, and shows which. */
export function CodeToggle() {
  const open = useCode((s) => s.open);
  const isMac = useIsMac();
  const shortcut = showCodeAction.shortcuts?.[0];
  const tip = `${open ? 'Hide' : 'Show'} the generated code${shortcut ? ` (${formatShortcut(shortcut, isMac)})` : ''}`;
  return (
    <button
      type="button"
      className={`tool-btn tool-btn--label code-toggle${open ? ' tool-btn--on' : ''}`}
      data-tooltip={tip}
      aria-label={`Code panel${shortcut ? ` (${formatShortcut(shortcut, isMac)})` : ''}`}
      aria-pressed={open}
      data-action={showCodeAction.id}
      onClick={() => void runFromUi(showCodeAction)}
    >
      <svg
        width={16}
        height={16}
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d="M5.5 4 2 8l3.5 4M10.5 4 14 8l-3.5 4M9 3l-2 10" />
      </svg>
      <span className="code-toggle__label">Code</span>
    </button>
  );
}
