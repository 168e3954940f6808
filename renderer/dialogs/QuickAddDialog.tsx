import { useMemo, useState } from 'react';
import { ShortcutText } from '../panels/ShortcutText';
import { useDocumentState } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import { closeDialog } from '../state/dialog-store';
import { useHostInfo } from '../state/host-info-store';
import { anchorOf } from '../editing/placement';
import {
  filterEntries,
  namedNodeEntry,
  quickAddEntries,
  type QuickAddEntry,
} from './quick-add-entries';

/**
 * Type to find a node kind, a pattern, an example or a command; Enter adds or runs it. A kind and
 * a name ("queue emails") adds that node with that name; nodes go after the selected node.
 */
export function QuickAddDialog() {
  const examples = useHostInfo((s) => s.examples);
  const all = useMemo(() => quickAddEntries(examples), [examples]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const selected = useSelection((s) => s.nodeIds);
  const after = useDocumentState((s) => anchorOf(s.document, selected)?.name);
  const named = namedNodeEntry(query, after);
  const shown = [...(named ? [named] : []), ...filterEntries(all, query)];
  const choose = (entry: QuickAddEntry | undefined) => {
    if (!entry) return;
    closeDialog();
    entry.run();
  };
  return (
    <div
      className="dialog-backdrop dialog-backdrop--top"
      onMouseDown={(e) => e.target === e.currentTarget && closeDialog()}
    >
      <div className="quick-add" role="dialog" aria-label="Quick add" data-testid="quick-add">
        <input
          className="quick-add__input"
          placeholder="Add a producer, queue, worker, a pattern such as “dead letter”, or run a command…"
          value={query}
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls="quick-add-list"
          aria-activedescendant={shown[active] ? `qa-${shown[active].key}` : undefined}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
            else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
            else if (e.key === 'Enter') choose(shown[active]);
            else if (e.key === 'Escape') closeDialog();
            else return;
            e.preventDefault();
          }}
        />
        <ul className="quick-add__list" id="quick-add-list" role="listbox">
          {shown.length === 0 ? (
            <li className="quick-add__none">Nothing matches “{query}”.</li>
          ) : null}
          {shown.map((entry, i) => (
            <li
              key={entry.key}
              id={`qa-${entry.key}`}
              role="option"
              aria-selected={i === active}
              className={`quick-add__item${i === active ? ' is-active' : ''}`}
              onMouseEnter={() => setActive(i)}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(entry);
              }}
            >
              <span className="quick-add__group">{entry.group}</span>
              <span className="quick-add__label">{entry.label}</span>
              <span className="quick-add__detail">{entry.detail}</span>
              {entry.shortcut ? <ShortcutText shortcut={entry.shortcut} /> : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
