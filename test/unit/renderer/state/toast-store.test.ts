import { describe, expect, it } from 'vitest';
import { dismissToast, showToast, toastStore } from '../../../../renderer/state/toast-store';

describe('toast store', () => {
  it('shows one toast at a time and dismisses only the one asked for', () => {
    const first = showToast('one');
    const second = showToast('two', 'warning', { x: 1, y: 2 });
    dismissToast(first);
    expect(toastStore.getState().toast).toMatchObject({
      message: 'two',
      tone: 'warning',
      at: { x: 1, y: 2 },
    });
    dismissToast(second);
    expect(toastStore.getState().toast).toBeNull();
  });
});
