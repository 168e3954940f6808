import { ExportDialog } from '../code/ExportDialog';
import { useDialog } from '../state/dialog-store';
import { AboutDialog } from './AboutDialog';
import { ErrorsDialog } from './ErrorsDialog';
import { NewDialog } from './NewDialog';
import { OpenDialog } from './OpenDialog';
import { QuickAddDialog } from './QuickAddDialog';
import { SaveAsDialog } from './SaveAsDialog';

/** The one open dialog, if any. */
export function Dialogs() {
  const dialog = useDialog((s) => s.dialog);
  switch (dialog) {
    case 'new':
      return <NewDialog />;
    case 'open':
      return <OpenDialog />;
    case 'save-as':
      return <SaveAsDialog />;
    case 'quick-add':
      return <QuickAddDialog />;
    case 'about':
      return <AboutDialog />;
    case 'errors':
      return <ErrorsDialog />;
    case 'export-code':
      return <ExportDialog />;
    case null:
      return null;
  }
}
