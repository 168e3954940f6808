import { beforeEach, describe, expect, it } from 'vitest';
import {
  CODE_WIDTH,
  applyOutcome,
  clampWidth,
  codeStore,
  loadCodeLayout,
} from '../../../../renderer/state/code-store';
import { fileAt } from '../code/fixtures';

const fresh = () =>
  codeStore.setState({ files: [], path: null, problems: [], failure: null, changed: new Set() });

const memoryStorage = (value: string | null) => ({
  getItem: () => value,
  setItem: () => undefined,
});

describe('the Code panel store', () => {
  beforeEach(fresh);

  it('opens README.md first, then keeps the open file across regenerations', () => {
    applyOutcome({ ok: true, files: [fileAt('README.md'), fileAt('src/a.ts')], ms: 3 });
    expect(codeStore.getState()).toMatchObject({ path: 'README.md', ms: 3, pending: false });
    codeStore.setState({ path: 'src/a.ts' });
    applyOutcome({ ok: true, files: [fileAt('README.md'), fileAt('src/a.ts')], ms: 2 });
    expect(codeStore.getState().path).toBe('src/a.ts');
  });

  it('falls back to README.md when the open file is no longer generated', () => {
    applyOutcome({ ok: true, files: [fileAt('README.md'), fileAt('src/a.ts')], ms: 1 });
    codeStore.setState({ path: 'src/a.ts' });
    applyOutcome({ ok: true, files: [fileAt('README.md')], ms: 1 });
    expect(codeStore.getState().path).toBe('README.md');
  });

  it('remembers which files an edit changed, but not a whole new project', () => {
    const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts'].map((p) => fileAt(p));
    applyOutcome({ ok: true, files, ms: 1 });
    expect(codeStore.getState().changed.size).toBe(0);
    const edited = (path: string) => ({ ...fileAt(path), contents: `edited ${path}` });
    applyOutcome({
      ok: true,
      files: [...files.slice(0, 4), edited('e.ts'), fileAt('f.ts')],
      ms: 1,
    });
    expect([...codeStore.getState().changed]).toEqual(['e.ts', 'f.ts']);
    // Another pipeline opened: nearly every file differs, nothing is marked.
    applyOutcome({ ok: true, files: ['a.ts', 'b.ts', 'c.ts', 'x.ts'].map(edited), ms: 1 });
    expect(codeStore.getState().changed.size).toBe(0);
  });

  it('keeps the last project while the pipeline cannot become code', () => {
    applyOutcome({ ok: true, files: [fileAt('README.md')], ms: 1 });
    const problem = {
      rule: 'codegen',
      severity: 'error' as const,
      nodeId: 'w',
      message: 'worker "w" has no input queue',
      hint: 'connect a queue to it',
    };
    applyOutcome({ ok: false, problems: [problem] });
    expect(codeStore.getState()).toMatchObject({ problems: [problem], path: 'README.md' });
    expect(codeStore.getState().files).toHaveLength(1);
    applyOutcome({ ok: true, files: [fileAt('README.md')], ms: 1 });
    expect(codeStore.getState().problems).toEqual([]);
  });

  it('shows a generator failure as such', () => {
    applyOutcome({ ok: false, message: 'boom' });
    expect(codeStore.getState().failure).toBe('boom');
  });

  it('restores whether it was open and its width, within limits', () => {
    loadCodeLayout(memoryStorage(JSON.stringify({ open: true, width: 5000 })));
    expect(codeStore.getState()).toMatchObject({ open: true, width: CODE_WIDTH.max });
    loadCodeLayout(memoryStorage(JSON.stringify({ open: false, width: 'wide' })));
    expect(codeStore.getState()).toMatchObject({ open: false, width: CODE_WIDTH.default });
    loadCodeLayout(memoryStorage('{not json'));
    expect(codeStore.getState()).toMatchObject({ open: false, width: CODE_WIDTH.default });
    expect(clampWidth(10)).toBe(CODE_WIDTH.min);
  });
});
