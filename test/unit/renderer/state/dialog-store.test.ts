import { describe, expect, it } from 'vitest';
import {
  closeDialog,
  dialogStore,
  openDialog,
  showErrors,
} from '../../../../renderer/state/dialog-store';

describe('dialog store', () => {
  it('opens one dialog at a time and forgets the errors it showed when closed', () => {
    openDialog('open');
    expect(dialogStore.getState()).toEqual({ dialog: 'open', errors: null });
    const errors = [{ path: 'name', message: 'required' }];
    showErrors('Could not open x.json', errors);
    expect(dialogStore.getState()).toEqual({
      dialog: 'errors',
      errors: { title: 'Could not open x.json', errors },
    });
    closeDialog();
    expect(dialogStore.getState()).toEqual({ dialog: null, errors: null });
  });
});
