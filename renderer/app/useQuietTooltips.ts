import { useEffect } from 'react';

/**
 * A toolbar tooltip has done its work once its button is pressed: it goes quiet until the pointer
 * leaves the button, instead of lingering over what the click brought up (the run banner's
 * "Save report", the inspector's heading).
 */
export function useQuietTooltips(): void {
  useEffect(() => {
    const quiet = (event: Event) => {
      const target =
        event.target instanceof Element ? event.target.closest('[data-tooltip]') : null;
      if (!target) return;
      target.setAttribute('data-tooltip-quiet', '');
      const wake = () => target.removeAttribute('data-tooltip-quiet');
      target.addEventListener('pointerleave', wake, { once: true });
    };
    document.addEventListener('pointerdown', quiet, true);
    return () => document.removeEventListener('pointerdown', quiet, true);
  }, []);
}
