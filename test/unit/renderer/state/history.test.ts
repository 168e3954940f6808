import { describe, expect, it } from 'vitest';
import {
  HISTORY_LIMIT,
  canRedo,
  canUndo,
  commit,
  initialDocumentState,
  isDirty,
  markSaved,
  redo,
  undo,
} from '../../../../renderer/state/history';
import { welcomeDoc } from '../actions/fixtures';

const renamed = (name: string) => ({ ...welcomeDoc(), name });

describe('document history', () => {
  it('starts clean with nothing to undo, or dirty when asked (imported, restored)', () => {
    const state = initialDocumentState(welcomeDoc(), '/a.json');
    expect(isDirty(state)).toBe(false);
    expect(canUndo(state) || canRedo(state)).toBe(false);
    expect(isDirty(initialDocumentState(welcomeDoc(), null, { dirty: true }))).toBe(true);
  });

  it('undoes and redoes commits in order, and a new commit drops the redo branch', () => {
    const a = initialDocumentState(welcomeDoc());
    const b = commit(a, renamed('B'), { now: 1 });
    const c = commit(b, renamed('C'), { now: 2 });
    expect(undo(c).document).toBe(b.document);
    expect(undo(undo(c)).document).toBe(a.document);
    expect(redo(undo(undo(c))).document).toBe(b.document);
    const d = commit(undo(c), renamed('D'), { now: 3 });
    expect(canRedo(d)).toBe(false);
    expect(undo(d).document).toBe(b.document);
    expect(undo(a)).toBe(a);
    expect(redo(a)).toBe(a);
  });

  it('coalesces commits with one key inside the window, and only those', () => {
    let s = initialDocumentState(welcomeDoc());
    s = commit(s, renamed('W'), { coalesceKey: 'name', now: 0 });
    s = commit(s, renamed('We'), { coalesceKey: 'name', now: 400 });
    s = commit(s, renamed('Wel'), { coalesceKey: 'name', now: 800 });
    expect(s.past).toHaveLength(1);
    s = commit(s, renamed('Welc'), { coalesceKey: 'name', now: 2000 }); // paused: a new step
    expect(s.past).toHaveLength(2);
    s = commit(s, renamed('x'), { coalesceKey: 'other', now: 2100 });
    expect(s.past).toHaveLength(3);
    s = commit(s, renamed('y'), { now: 2200 }); // no key: never coalesces
    s = commit(s, renamed('z'), { now: 2300 });
    expect(s.past).toHaveLength(5);
  });

  it('never coalesces across an undo', () => {
    let s = initialDocumentState(welcomeDoc());
    s = commit(s, renamed('A'), { coalesceKey: 'k', now: 0 });
    s = undo(s);
    s = commit(s, renamed('B'), { coalesceKey: 'k', now: 10 });
    expect(s.past).toHaveLength(1);
    expect(undo(s).document.name).toBe('Welcome emails');
  });

  it('is dirty until saved, and clean again when undo returns to the saved document', () => {
    const a = initialDocumentState(welcomeDoc(), '/a.json');
    const b = commit(a, renamed('B'), { now: 1 });
    expect(isDirty(b)).toBe(true);
    expect(isDirty(undo(b))).toBe(false);
    const saved = markSaved(b, '/b.json');
    expect(isDirty(saved)).toBe(false);
    expect(saved.path).toBe('/b.json');
    expect(isDirty(undo(saved))).toBe(true);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    let s = initialDocumentState(welcomeDoc());
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s = commit(s, renamed(`n${i}`), { now: i });
    expect(s.past).toHaveLength(HISTORY_LIMIT);
  });

  it('ignores a commit that changes nothing', () => {
    const a = initialDocumentState(welcomeDoc());
    expect(commit(a, a.document)).toBe(a);
  });
});
