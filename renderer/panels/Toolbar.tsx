import { autoLayoutAction } from '../actions/auto-layout';
import { CodeToggle } from '../code/CodeToggle';
import { deleteAction } from '../actions/delete';
import { duplicateAction } from '../actions/duplicate';
import {
  exportAction,
  importAction,
  newDocumentAction,
  openAction,
  saveAction,
  saveAsAction,
} from '../actions/file-actions';
import { fitViewAction } from '../actions/fit-view';
import { redoAction } from '../actions/redo';
import type { AnyAction } from '../actions/registry';
import { aboutAction, quickAddAction, toggleThemeAction } from '../actions/ui-actions';
import { undoAction } from '../actions/undo';
import { zoomToSelectionAction } from '../actions/zoom-to-selection';
import { SimulateControls } from '../simulation/SimulateControls';
import { ActionButton } from './ActionButton';
import { RunToolbar } from '../runs/RunToolbar';
import { importRedisAction } from '../actions/import-redis';
import { DocumentTitle } from './DocumentTitle';
import type { IconName } from './icons';
import { useEnabled } from './useEnabled';

function Tool({ action, icon, label }: { action: AnyAction; icon: IconName; label?: boolean }) {
  const enabled = useEnabled(action);
  return <ActionButton action={action} icon={icon} enabled={enabled} showLabel={label ?? false} />;
}

/** The top bar: document, file, edit and view commands, each a registered action. */
export function Toolbar() {
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor commands">
      <div className="brand" aria-label="Pipewright">
        <span className="brand__mark" aria-hidden="true" />
        Pipewright
      </div>
      <DocumentTitle />
      <div className="toolbar__group">
        <Tool action={newDocumentAction} icon="new" />
        <Tool action={openAction} icon="open" />
        <Tool action={saveAction} icon="save" />
        <Tool action={saveAsAction} icon="saveAs" />
        <Tool action={importAction} icon="import" />
        <Tool action={importRedisAction} icon="importRedis" />
        <Tool action={exportAction} icon="export" />
      </div>
      <div className="toolbar__group">
        <Tool action={undoAction} icon="undo" />
        <Tool action={redoAction} icon="redo" />
        <Tool action={duplicateAction} icon="duplicate" />
        <Tool action={deleteAction} icon="delete" />
      </div>
      <div className="toolbar__group">
        <Tool action={autoLayoutAction} icon="layout" />
        <Tool action={fitViewAction} icon="fit" />
        <Tool action={zoomToSelectionAction} icon="zoomSel" />
      </div>
      <div className="toolbar__group">
        <Tool action={quickAddAction} icon="quickAdd" label />
      </div>
      <div className="toolbar__group">
        <SimulateControls />
      </div>
      <div className="toolbar__group">
        <CodeToggle />
      </div>
      <RunToolbar />
      <div className="toolbar__spacer" />
      <div className="toolbar__group">
        <Tool action={toggleThemeAction} icon="theme" />
        <Tool action={aboutAction} icon="help" />
      </div>
    </header>
  );
}
