import { useEffect } from 'react';
import { effectiveTheme, setUi, useUi } from '../state/ui-store';

/** Follows the OS's light/dark setting unless the user chose one; sets data-theme on <html>. */
export function useTheme(): void {
  const theme = useUi(effectiveTheme);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setUi({ systemTheme: query.matches ? 'dark' : 'light' });
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}
