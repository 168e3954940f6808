import { describe, expect, it } from 'vitest';
import { effectiveTheme } from '../../../../renderer/state/theme-store';

describe('theme store', () => {
  it('follows the OS theme unless the user chose one', () => {
    expect(effectiveTheme({ themePreference: 'system', systemTheme: 'dark' })).toBe('dark');
    expect(effectiveTheme({ themePreference: 'light', systemTheme: 'dark' })).toBe('light');
  });
});
