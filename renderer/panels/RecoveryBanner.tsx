import { host } from '../api/host';
import { loadIntoEditor } from '../documents/load';
import { confirmDiscard } from '../documents/commands';
import { setUi, uiStore, useUi, type RecoveryEntry } from '../state/ui-store';

async function forget(entry: RecoveryEntry): Promise<void> {
  setUi({ recovery: uiStore.getState().recovery.filter((r) => r.key !== entry.key) });
  await host()
    ['recovery:clear']({ key: entry.key })
    .catch(() => undefined);
}

/** After a crash: offers the unsaved work found in the recovery folder. */
export function RecoveryBanner() {
  const entry = useUi((s) => s.recovery[0]);
  const more = useUi((s) => s.recovery.length - 1);
  if (!entry) return null;
  const when = new Date(entry.savedAt).toLocaleString();
  return (
    <div className="banner" role="alert" data-testid="recovery-banner">
      <span>
        Pipewright closed with unsaved changes to <b>{entry.document.name}</b> (last copy {when}).
        {more > 0 ? ` ${more} more after this one.` : ''}
      </span>
      <button
        type="button"
        className="btn btn--primary"
        onClick={() => {
          if (!confirmDiscard()) return;
          loadIntoEditor(entry.document, null, { dirty: true });
          void forget(entry);
        }}
      >
        Restore
      </button>
      <button type="button" className="btn" onClick={() => void forget(entry)}>
        Discard
      </button>
    </div>
  );
}
