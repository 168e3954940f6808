import { addNodeAction } from '../actions/add-node';
import { runAction } from '../actions/run';
import { PALETTE_MIME } from '../canvas/useCanvasHandlers';
import { KindIcon } from '../canvas/nodes/KindIcon';
import { KIND_DESCRIPTIONS, KIND_LABELS } from '../editing/new-node';
import { NODE_KINDS } from '../../shared/document';
import { quickAddAction } from '../actions/ui-actions';
import { ShortcutText } from './ShortcutText';

/** Drag a node kind onto the canvas, or click it to add one in the middle of the view. */
export function Palette() {
  return (
    <aside className="palette" aria-label="Palette">
      <h2 className="panel-title">Add</h2>
      {NODE_KINDS.map((kind) => (
        <button
          type="button"
          key={kind}
          className={`palette-item palette-item--${kind}`}
          draggable
          data-testid={`palette-${kind}`}
          data-tooltip={`Drag onto the canvas, or click to add a ${kind}`}
          data-tooltip-side="right"
          onDragStart={(event) => {
            event.dataTransfer.setData(PALETTE_MIME, kind);
            event.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => void runAction(addNodeAction, { kind })}
        >
          <span className={`palette-item__icon k-${kind}`}>
            <KindIcon kind={kind} size={16} />
          </span>
          <span className="palette-item__text">
            <span className="palette-item__label">{KIND_LABELS[kind]}</span>
            <span className="palette-item__hint">{KIND_DESCRIPTIONS[kind]}</span>
          </span>
        </button>
      ))}
      <p className="palette__tip">
        <ShortcutText shortcut={quickAddAction.shortcuts?.[0] ?? ''} /> quick add by name or pattern
      </p>
    </aside>
  );
}
