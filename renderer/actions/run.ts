import type { XY } from '../editing/new-node';
import { documentStore } from '../state/document-store';
import { selectionStore, setSelection } from '../state/selection-store';
import { analysisStore } from '../state/analysis-store';
import { isRunActive, runStore } from '../state/run-store';
import { uiStore } from '../state/ui-store';
import type { Action, ActionResult, ActionState, Effect } from './types';

export type EffectHandler = (effect: Effect) => void | Promise<void>;

let handleEffect: EffectHandler | null = null;
let viewCenter: () => XY = () => ({ x: 0, y: 0 });

/** The editor shell carries out effects (view, clipboard, dialogs, files). */
export function setEffectHandler(handler: EffectHandler | null): void {
  handleEffect = handler;
}

/** The canvas tells actions where the middle of the visible area is. */
export function setViewCenterProvider(provider: () => XY): void {
  viewCenter = provider;
}

/**
 * The state an action sees now. Asking the view for its centre measures the page, so callers
 * that only check `enabled` (toolbar buttons, on every edit) pass `withView: false`.
 */
export function currentActionState(now = Date.now(), { withView = true } = {}): ActionState {
  const ui = uiStore.getState();
  const runs = runStore.getState();
  const analysis = analysisStore.getState();
  return {
    doc: documentStore.getState(),
    selection: selectionStore.getState(),
    now,
    viewCenter: withView ? viewCenter() : { x: 0, y: 0 },
    themePreference: ui.themePreference,
    systemTheme: ui.systemTheme,
    run: { active: isRunActive(runs), busy: runs.busy },
    simulating: analysis.source === 'simulation' && analysis.status === 'running',
  };
}

export function isEnabled<I>(
  action: Action<I>,
  state = currentActionState(Date.now(), { withView: false }),
): boolean {
  return action.enabled ? action.enabled(state) : true;
}

function apply(state: ActionState, result: ActionResult, label: string): boolean {
  if (result.doc) {
    // An async action (auto-layout) must not overwrite edits made while it ran.
    if (documentStore.getState() !== state.doc) {
      const message = `${label} was skipped: the pipeline changed meanwhile. Try again.`;
      void handleEffect?.({ type: 'toast', tone: 'warning', message });
      return false;
    }
    documentStore.setState(result.doc, true);
  }
  if (result.selection) setSelection(result.selection);
  return true;
}

/**
 * Runs an action against the stores: applies the document and selection it returns, then hands
 * its effects to the shell. Returns the effects (tests and callers may inspect them).
 */
export async function runAction<I>(action: Action<I>, input: I): Promise<Effect[]> {
  const state = currentActionState();
  if (!isEnabled(action, state)) return [];
  const result = await action.perform(state, input);
  if (!apply(state, result, action.label)) return [];
  const effects = result.effects ?? [];
  for (const effect of effects) await handleEffect?.(effect);
  return effects;
}

/**
 * Runs a synchronous action right now, inside the current event (a copy event must fill the
 * clipboard before it returns). `onEffect` may take effects the shell would otherwise get.
 */
export function runActionSync<I>(
  action: Action<I>,
  input: I,
  onEffect: (effect: Effect) => boolean = () => false,
): Effect[] {
  const state = currentActionState();
  if (!isEnabled(action, state)) return [];
  const result = action.perform(state, input);
  if (result instanceof Promise) throw new Error(`${action.id} is asynchronous; use runAction`);
  if (!apply(state, result, action.label)) return [];
  const effects = result.effects ?? [];
  for (const effect of effects) if (!onEffect(effect)) void handleEffect?.(effect);
  return effects;
}
