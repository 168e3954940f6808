import type { RedisStatus } from '../../../../shared/api/contract';
import { expect } from 'vitest';
import { FORMAT, type PipelineDocument } from '../../../../shared/document';
import type { Action, ActionResult, ActionState } from '../../../../renderer/actions/types';
import { undoAction } from '../../../../renderer/actions/undo';
import { redoAction } from '../../../../renderer/actions/redo';
import {
  commit,
  initialDocumentState,
  type DocumentState,
} from '../../../../renderer/state/history';
import {
  EMPTY_SELECTION,
  selectionOf,
  type Selection,
} from '../../../../renderer/state/selection-store';

/** signup → emails → sender, with failed jobs going to dead-letters. */
/** The Redis a run report names: a local one Pipewright started. */
export const RUN_REDIS: RedisStatus = {
  state: 'connected',
  url: 'redis://127.0.0.1:6379',
  managed: true,
  version: '7.0.15',
  maxmemoryPolicy: 'noeviction',
  warnings: [],
  message: '',
  help: null,
};

export function welcomeDoc(): PipelineDocument {
  return {
    format: FORMAT,
    name: 'Welcome emails',
    nodes: [
      {
        id: 'signup',
        kind: 'producer',
        name: 'signup-api',
        position: { x: 0, y: 0 },
        config: { jobName: 'send-welcome', arrival: { type: 'poisson', ratePerSec: 20 } },
      },
      {
        id: 'emails',
        kind: 'queue',
        name: 'emails',
        position: { x: 250, y: 0 },
        config: { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } },
      },
      {
        id: 'sender',
        kind: 'worker',
        name: 'email-sender',
        position: { x: 500, y: 0 },
        config: {
          concurrency: 10,
          replicas: 1,
          service: { type: 'lognormal', meanMs: 120, stdDevMs: 60 },
        },
      },
      {
        id: 'dead-letters',
        kind: 'queue',
        name: 'dead-letters',
        position: { x: 750, y: 100 },
        config: {},
      },
    ],
    edges: [
      { id: 'e1', from: 'signup', to: 'emails' },
      { id: 'e2', from: 'emails', to: 'sender' },
      { id: 'e3', from: 'sender', to: 'dead-letters', on: 'failed' },
    ],
  };
}

/**
 * An action state over `doc`. With `withHistory`, the document store already holds one earlier
 * edit (the document renamed), so tests can check an action leaves that undo step alone.
 */
export function stateOf(
  doc: PipelineDocument = welcomeDoc(),
  selection: Selection = EMPTY_SELECTION,
  { withHistory = false, now = 1_000_000 } = {},
): ActionState {
  let docState: DocumentState = initialDocumentState(
    withHistory ? { ...doc, name: 'Before' } : doc,
    '/tmp/welcome.pipewright.json',
  );
  if (withHistory) docState = commit(docState, doc, { now: now - 10_000 });
  return {
    doc: docState,
    selection,
    now,
    viewCenter: { x: 400, y: 300 },
    themePreference: 'system',
    systemTheme: 'light',
    run: { active: false, busy: null },
    simulating: false,
  };
}

export const select = selectionOf;

export async function perform<I>(
  action: Action<I>,
  state: ActionState,
  input: I,
): Promise<ActionResult> {
  return action.perform(state, input);
}

/** The state after applying a result, as the runner would. */
export function after(state: ActionState, result: ActionResult, later = 0): ActionState {
  return {
    ...state,
    doc: result.doc ?? state.doc,
    selection: result.selection ?? state.selection,
    now: state.now + later,
  };
}

/** Undo brings back the document before the action; redo brings back the one after. */
export async function expectUndoRedo(before: ActionState, result: ActionResult): Promise<void> {
  expect(result.doc, 'the action should change the document').toBeDefined();
  const done = after(before, result);
  const undone = after(done, await perform(undoAction, done, undefined));
  expect(undone.doc.document).toBe(before.doc.document);
  const redone = after(undone, await perform(redoAction, undone, undefined));
  expect(redone.doc.document).toBe(done.doc.document);
}

/** For actions that leave the document alone: no history step, and undo still undoes the edit before. */
export async function expectNoHistoryStep(
  before: ActionState,
  result: ActionResult,
): Promise<void> {
  expect(result.doc).toBeUndefined();
  const undone = after(before, await perform(undoAction, before, undefined));
  expect(undone.doc.document.name).toBe('Before');
  const redone = after(undone, await perform(redoAction, undone, undefined));
  expect(redone.doc.document).toBe(before.doc.document);
}
