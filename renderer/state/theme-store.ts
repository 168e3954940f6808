import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';

/** The theme the user chose and the one the OS uses. */
export interface ThemeState {
  themePreference: ThemePreference;
  systemTheme: 'light' | 'dark';
}

export const themeStore = createStore<ThemeState>()(() => ({
  themePreference: 'system',
  systemTheme: 'light',
}));

export const effectiveTheme = (s: ThemeState): 'light' | 'dark' =>
  s.themePreference === 'system' ? s.systemTheme : s.themePreference;

/** The theme the editor shows: the user's choice, or the OS's when the user chose 'system'. */
export function useEffectiveTheme(): 'light' | 'dark' {
  return useStore(themeStore, effectiveTheme);
}

export const setThemePreference = (themePreference: ThemePreference): void =>
  themeStore.setState({ themePreference });
export const setSystemTheme = (systemTheme: 'light' | 'dark'): void =>
  themeStore.setState({ systemTheme });
