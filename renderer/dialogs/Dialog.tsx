import { useEffect, useRef, type ReactNode } from 'react';
import { closeDialog } from '../state/ui-store';

/** A modal dialog: Escape or a click outside closes it; focus moves into it on open. */
export function Dialog({
  title,
  children,
  wide = false,
  testId,
  onClose = closeDialog,
}: {
  title: string;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
  /** For a dialog not in the ui store's one-at-a-time slot (default: that slot's close). */
  onClose?: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el && !el.contains(document.activeElement)) {
      el.querySelector<HTMLElement>('[autofocus], input, button')?.focus();
    }
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        className={`dialog${wide ? ' dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <header className="dialog__head">
          <h2>{title}</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog__body">{children}</div>
      </div>
    </div>
  );
}
