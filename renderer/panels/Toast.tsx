import { useEffect } from 'react';
import { dismissToast, useToast } from '../state/toast-store';

/** A short message: beside the pointer for a refused connection, in the corner otherwise. */
export function Toast() {
  const toast = useToast();
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => dismissToast(toast.id), toast.tone === 'error' ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast) return null;
  const style = toast.at ? { left: toast.at.x + 14, top: toast.at.y + 14 } : undefined;
  return (
    <div
      className={`toast toast--${toast.tone}${toast.at ? ' toast--at' : ''}`}
      style={style}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
      onClick={() => dismissToast(toast.id)}
    >
      {toast.message}
    </div>
  );
}
