import { useEffect } from 'react';
import { setSystemTheme, useEffectiveTheme } from '../state/theme-store';

/** Follows the OS's light/dark setting unless the user chose one; sets data-theme on <html>. */
export function useTheme(): void {
  const theme = useEffectiveTheme();
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setSystemTheme(query.matches ? 'dark' : 'light');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}
