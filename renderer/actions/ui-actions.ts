import type { Action } from './types';

export const quickAddAction: Action = {
  id: 'quick-add',
  label: 'Quick add…',
  group: 'insert',
  shortcuts: ['Mod+K', '/'],
  shortcutInFields: true,
  perform: () => ({ effects: [{ type: 'dialog', dialog: 'quick-add' }] }),
};

/** Flips between light and dark; landing on the OS's own theme goes back to following it. */
export const toggleThemeAction: Action = {
  id: 'toggle-theme',
  label: 'Toggle dark theme',
  group: 'view',
  inQuickAdd: true,
  perform(state) {
    const current = state.themePreference === 'system' ? state.systemTheme : state.themePreference;
    const next = current === 'dark' ? 'light' : 'dark';
    return {
      effects: [{ type: 'theme', preference: next === state.systemTheme ? 'system' : next }],
    };
  },
};

export const aboutAction: Action = {
  id: 'about',
  label: 'About Pipewright',
  group: 'view',
  inQuickAdd: true,
  perform: () => ({ effects: [{ type: 'dialog', dialog: 'about' }] }),
};
