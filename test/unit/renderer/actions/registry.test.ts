import { describe, expect, it } from 'vitest';
import { ACTIONS, actionForKey, getAction } from '../../../../renderer/actions/registry';
import { formatShortcut, matchesShortcut } from '../../../../renderer/actions/keyboard';

const key = (
  key: string,
  mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {},
  code?: string,
) => ({
  key,
  code: code ?? (key.length === 1 && /[a-z]/i.test(key) ? `Key${key.toUpperCase()}` : undefined),
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('action registry', () => {
  it('has unique ids and no shortcut bound twice', () => {
    const ids = ACTIONS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const shortcuts = ACTIONS.flatMap((a) => a.shortcuts ?? []);
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
    expect(getAction('duplicate')?.label).toBe('Duplicate');
  });

  it('finds actions by key, with Ctrl on Linux/Windows and Cmd on macOS', () => {
    expect(actionForKey(key('z', { ctrl: true }), false, false)?.id).toBe('undo');
    expect(actionForKey(key('Z', { ctrl: true, shift: true }), false, false)?.id).toBe('redo');
    expect(actionForKey(key('y', { ctrl: true }), false, false)?.id).toBe('redo');
    expect(actionForKey(key('z', { meta: true }), true, false)?.id).toBe('undo');
    expect(actionForKey(key('z', { ctrl: true }), true, false)).toBeUndefined();
    expect(actionForKey(key('F2'), false, false)?.id).toBe('rename');
    expect(actionForKey(key('Delete'), false, false)?.id).toBe('delete');
    expect(actionForKey(key('!', { shift: true }, 'Digit1'), false, false)?.id).toBe('fit-view');
  });

  it('lets only undo, redo, file commands and quick add fire while typing in a field', () => {
    expect(actionForKey(key('z', { ctrl: true }), false, true)?.id).toBe('undo');
    expect(actionForKey(key('s', { ctrl: true }), false, true)?.id).toBe('save');
    expect(actionForKey(key('k', { ctrl: true }), false, true)?.id).toBe('quick-add');
    expect(actionForKey(key('/'), false, false)?.id).toBe('quick-add');
    expect(actionForKey(key('/'), false, true)).toBeUndefined(); // it types a slash
    expect(actionForKey(key('a', { ctrl: true }), false, true)).toBeUndefined();
    expect(actionForKey(key('d', { ctrl: true }), false, true)).toBeUndefined();
    expect(actionForKey(key('Backspace'), false, true)).toBeUndefined();
  });

  it('writes shortcuts the way each platform does', () => {
    expect(formatShortcut('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatShortcut('Mod+Shift+Z', true)).toBe('⇧⌘Z');
    expect(formatShortcut('Delete', false)).toBe('Del');
    expect(matchesShortcut('Mod+K', key('k', { ctrl: true, alt: true }), false)).toBe(false);
  });
});
