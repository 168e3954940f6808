import { describe, expect, it } from 'vitest';
import { editDocumentAction } from '../../../../renderer/actions/edit-document';
import { expectUndoRedo, perform, stateOf } from './fixtures';

describe('edit document', () => {
  it('renames the pipeline as one undo step', async () => {
    const start = stateOf();
    const result = await perform(editDocumentAction, start, {
      path: ['name'],
      value: 'Onboarding',
    });
    expect(result.doc!.document.name).toBe('Onboarding');
    await expectUndoRedo(start, result);
  });

  it('sets and validates settings', async () => {
    const start = stateOf();
    const result = await perform(editDocumentAction, start, {
      path: ['settings', 'prefix'],
      value: 'jobs',
    });
    expect(result.doc!.document.settings).toEqual({ prefix: 'jobs' });
    await expectUndoRedo(start, result);
    const bad = await perform(editDocumentAction, start, {
      path: ['settings', 'prefix'],
      value: 'a:b',
    });
    expect(bad.doc).toBeUndefined();
    expect(bad.effects?.[0]).toMatchObject({
      message: 'Must be 1-64 characters without ":", braces or spaces',
    });
  });

  it('refuses an empty name', async () => {
    const bad = await perform(editDocumentAction, stateOf(), { path: ['name'], value: '' });
    expect(bad.effects?.[0]).toMatchObject({
      message: 'Must be a non-empty name of at most 200 characters',
    });
  });
});
