import { closeDialog, useDialog } from '../state/dialog-store';
import { Dialog } from './Dialog';

/** Says exactly what is wrong with a file that could not be opened, imported or created. */
export function ErrorsDialog() {
  const errors = useDialog((s) => s.errors);
  if (!errors) return null;
  return (
    <Dialog title={errors.title} testId="errors-dialog">
      <ul className="error-list">
        {errors.errors.slice(0, 50).map((e, i) => (
          <li key={i}>
            {e.path ? <code>{e.path}</code> : null} {e.message}
          </li>
        ))}
      </ul>
      {errors.errors.length > 50 ? (
        <p className="muted">…and {errors.errors.length - 50} more.</p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="btn btn--primary" onClick={closeDialog} autoFocus>
          OK
        </button>
      </div>
    </Dialog>
  );
}
