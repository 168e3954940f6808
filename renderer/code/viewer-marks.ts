import {
  StateEffect,
  StateField,
  type EditorState,
  type Extension,
  type StateEffectType,
} from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/**
 * Line marks in the code viewer: the lines about the selected node(s), and the lines the last
 * regeneration changed (a brief flash, so an edit in the inspector visibly lands in the code).
 */

/** 1-based line numbers to mark as the selected node's. */
export const setNodeLines = StateEffect.define<readonly number[]>();
/** 1-based numbers of the lines that changed; empty clears the flash. */
export const setChangedLines = StateEffect.define<readonly number[]>();

const nodeLine = Decoration.line({ class: 'cm-node-line' });
const changedLine = Decoration.line({ class: 'cm-changed-line' });

function lineSet(state: EditorState, lines: Iterable<number>, mark: Decoration): DecorationSet {
  const ranges = [];
  for (const n of lines) {
    if (n >= 1 && n <= state.doc.lines) ranges.push(mark.range(state.doc.line(n).from));
  }
  return Decoration.set(ranges, true);
}

function marksField(effect: StateEffectType<readonly number[]>, mark: Decoration) {
  return StateField.define<DecorationSet>({
    create: () => Decoration.none,
    update(marks, tr) {
      let next = marks.map(tr.changes);
      for (const e of tr.effects) if (e.is(effect)) next = lineSet(tr.state, e.value, mark);
      return next;
    },
    provide: (field) => EditorView.decorations.from(field),
  });
}

export const lineMarks: Extension = [
  marksField(setNodeLines, nodeLine),
  marksField(setChangedLines, changedLine),
];
