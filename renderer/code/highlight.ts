import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * Colours of the code viewer. They are CSS variables (code.css), so the viewer follows the
 * app's light and dark themes without being rebuilt.
 */
const style = HighlightStyle.define([
  {
    tag: [t.comment, t.lineComment, t.blockComment, t.docComment],
    color: 'var(--code-comment)',
    fontStyle: 'italic',
  },
  {
    tag: [
      t.keyword,
      t.controlKeyword,
      t.moduleKeyword,
      t.operatorKeyword,
      t.definitionKeyword,
      t.modifier,
    ],
    color: 'var(--code-keyword)',
  },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.atom, t.null], color: 'var(--code-number)' },
  { tag: [t.typeName, t.className, t.namespace], color: 'var(--code-type)' },
  {
    tag: [
      t.function(t.variableName),
      t.function(t.propertyName),
      t.function(t.definition(t.variableName)),
    ],
    color: 'var(--code-function)',
  },
  { tag: [t.propertyName, t.attributeName], color: 'var(--code-property)' },
  { tag: [t.definition(t.variableName), t.variableName], color: 'var(--code-variable)' },
  { tag: [t.heading], color: 'var(--code-keyword)', fontWeight: '600' },
  { tag: [t.strong], fontWeight: '600' },
  { tag: [t.link, t.url], color: 'var(--code-string)', textDecoration: 'underline' },
  { tag: [t.monospace, t.meta, t.list], color: 'var(--code-type)' },
  { tag: [t.punctuation, t.operator, t.bracket], color: 'var(--code-punctuation)' },
]);

export const codeHighlighting = syntaxHighlighting(style);

/** The viewer's frame, in the app's colours. */
export const codeTheme = EditorView.theme({
  '&': {
    height: '100%',
    fontSize: '12px',
    color: 'var(--text)',
    backgroundColor: 'var(--panel)',
  },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel)',
    color: 'var(--faint)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLineGutter': { backgroundColor: 'transparent', color: 'var(--muted)' },
  '&.cm-focused': { outline: 'none' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--code-selection)',
  },
  '.cm-node-line': { backgroundColor: 'var(--code-node-line)' },
  '.cm-node-line-gutter': { color: 'var(--accent)', fontWeight: '600' },
  '.cm-changed-line': { animation: 'code-changed 1.6s ease-out' },
  '.cm-panels': { backgroundColor: 'var(--panel-2)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--code-search)' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--panel-2)',
    border: '1px solid var(--border)',
    color: 'var(--muted)',
  },
});
