import { foldGutter } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState } from '@codemirror/state';
import { keymap, lineNumbers } from '@codemirror/view';
import { EditorView, minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { codeHighlighting, codeTheme } from './highlight';
import { languageExtension, languageOf } from './languages';
import { changedLines, textChange } from './text-change';
import { lineMarks, setChangedLines, setNodeLines } from './viewer-marks';

/** How long the lines a regeneration changed stay marked. */
const FLASH_MS = 1600;

export interface Reveal {
  /** The file it is meant for. */
  path: string;
  /** 1-based line to scroll to the top of the view; 1 for the top of the file. */
  line: number;
  /** A new key scrolls again, even to the same line. */
  key: number;
}

function createState(path: string, contents: string, language: Compartment): EditorState {
  return EditorState.create({
    doc: contents,
    extensions: [
      minimalSetup,
      lineNumbers(),
      foldGutter(),
      search({ top: true }),
      highlightSelectionMatches(),
      keymap.of(searchKeymap),
      // Read-only, but focusable and selectable: people copy code from here.
      EditorState.readOnly.of(true),
      EditorView.contentAttributes.of({
        'aria-label': `${path} (generated, read-only)`,
        'aria-readonly': 'true',
      }),
      language.of(languageExtension(languageOf(path))),
      codeHighlighting,
      codeTheme,
      lineMarks,
    ],
  });
}

/**
 * A read-only CodeMirror 6 view of one generated file. When the same file is regenerated it
 * applies only the difference, so the scroll position stays and the changed lines flash.
 */
export function CodeViewer({
  path,
  contents,
  markedLines,
  reveal,
  flash,
}: {
  path: string;
  contents: string;
  markedLines: readonly number[];
  reveal: Reveal | null;
  /** Mark the lines this new contents changed: it comes from an edit, not another pipeline. */
  flash: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const shownPath = useRef<string | null>(null);
  const language = useRef(new Compartment());
  const flashTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({ parent: host.current });
    view.current = editor;
    return () => {
      if (flashTimer.current) clearTimeout(flashTimer.current);
      editor.destroy();
      view.current = null;
      shownPath.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    if (shownPath.current !== path) {
      shownPath.current = path;
      editor.setState(createState(path, contents, language.current));
      // Another file starts at its left edge and top, not where the last one was scrolled to.
      editor.scrollDOM.scrollLeft = 0;
      editor.scrollDOM.scrollTop = 0;
      return;
    }
    const before = editor.state.doc.toString();
    const change = textChange(before, contents);
    if (!change) return;
    const changed = flash ? changedLines(before, contents, change) : [];
    // A few lines flash; a file rewritten wholesale does not.
    const few = changed.length <= Math.max(3, editor.state.doc.lines / 3);
    editor.dispatch({ changes: change, effects: setChangedLines.of(few ? changed : []) });
    if (flashTimer.current) clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(
      () => view.current?.dispatch({ effects: setChangedLines.of([]) }),
      FLASH_MS,
    );
  }, [path, contents, flash]);

  useEffect(() => {
    view.current?.dispatch({ effects: setNodeLines.of(markedLines) });
  }, [path, markedLines]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || !reveal || reveal.path !== path) return;
    const line = editor.state.doc.line(Math.min(Math.max(1, reveal.line), editor.state.doc.lines));
    editor.dispatch({
      effects: EditorView.scrollIntoView(line.from, { y: 'start', yMargin: 24 }),
    });
  }, [path, reveal]);

  return <div className="code-viewer" ref={host} data-testid="code-viewer" data-path={path} />;
}
