import { afterEach, describe, expect, it } from 'vitest';
import { addNodeAction } from '../../../../renderer/actions/add-node';
import { autoLayoutAction } from '../../../../renderer/actions/auto-layout';
import { copyAction } from '../../../../renderer/actions/copy';
import { deleteAction } from '../../../../renderer/actions/delete';
import {
  runAction,
  runActionSync,
  setEffectHandler,
  setViewCenterProvider,
} from '../../../../renderer/actions/run';
import type { Effect } from '../../../../renderer/actions/types';
import { undoAction } from '../../../../renderer/actions/undo';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import {
  EMPTY_SELECTION,
  selectionOf,
  selectionStore,
  setSelection,
} from '../../../../renderer/state/selection-store';
import { welcomeDoc } from './fixtures';

afterEach(() => {
  setEffectHandler(null);
  setSelection(EMPTY_SELECTION);
});

describe('running actions against the stores', () => {
  it('applies the document and the selection, and hands effects to the shell', async () => {
    loadDocument(welcomeDoc(), null);
    setViewCenterProvider(() => ({ x: 1000, y: 1000 }));
    const seen: Effect[] = [];
    setEffectHandler((e) => void seen.push(e));
    await runAction(addNodeAction, { kind: 'producer' });
    const doc = documentStore.getState().document;
    expect(doc.nodes.at(-1)).toMatchObject({ id: 'producer-1', position: { x: 908, y: 962 } });
    expect([...selectionStore.getState().nodeIds]).toEqual(['producer-1']);
    await runAction(copyAction, undefined);
    expect(seen.map((e) => e.type)).toEqual(['clipboard-write']);
    await runAction(undoAction, undefined);
    expect(documentStore.getState().document.nodes).toHaveLength(4);
    expect(selectionStore.getState().nodeIds.size).toBe(0);
  });

  it('does not run a disabled action', async () => {
    loadDocument(welcomeDoc(), null);
    expect(await runAction(deleteAction, undefined)).toEqual([]);
    expect(documentStore.getState().past).toHaveLength(0);
  });

  it('runs synchronously inside an event, letting the caller take effects', () => {
    loadDocument(welcomeDoc(), null);
    setSelection(selectionOf(['emails']));
    const shell: Effect[] = [];
    setEffectHandler((e) => void shell.push(e));
    let clipboard = '';
    const effects = runActionSync(copyAction, undefined, (e) => {
      if (e.type !== 'clipboard-write') return false;
      clipboard = e.text;
      return true;
    });
    expect(effects).toHaveLength(1);
    expect(JSON.parse(clipboard).nodes[0].id).toBe('emails');
    expect(shell).toEqual([]);
    expect(() => runActionSync(autoLayoutAction, undefined)).toThrow(/asynchronous/);
  });

  it('drops the result of an async action when the document changed while it ran', async () => {
    loadDocument(welcomeDoc(), null);
    const seen: Effect[] = [];
    setEffectHandler((e) => void seen.push(e));
    const layout = runAction(autoLayoutAction, undefined);
    runActionSync(addNodeAction, { kind: 'queue' });
    expect(await layout).toEqual([]);
    expect(seen).toEqual([
      {
        type: 'toast',
        tone: 'warning',
        message: 'Auto-layout was skipped: the pipeline changed meanwhile. Try again.',
      },
    ]);
    expect(documentStore.getState().past).toHaveLength(1);
  });
});
