import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * A small panel anchored to its parent (which must be `position: relative`): closes on a click
 * outside it or on Escape.
 */
export function Popover({
  onClose,
  children,
  placement = 'below',
  label,
  testId,
}: {
  onClose: () => void;
  children: ReactNode;
  placement?: 'below' | 'above';
  label: string;
  testId?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  // It opens leftwards from its anchor; near the window's left edge (a wrapped toolbar) it
  // opens rightwards instead, so it is never cut off.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && el.getBoundingClientRect().left < 8) {
      el.style.left = '0';
      el.style.right = 'auto';
    }
  }, []);
  useEffect(() => {
    const onPointer = (e: PointerEvent) => {
      const el = box.current;
      // The anchor's own button toggles the popover; a click on it is not "outside".
      if (el && !el.parentElement?.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return (
    <div
      ref={box}
      className={`run-popover run-popover--${placement}`}
      role="dialog"
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </div>
  );
}
