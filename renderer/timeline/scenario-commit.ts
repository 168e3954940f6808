import type { ScenarioEvent } from '../../shared/document';
import { editScenarioEventAction } from '../actions/scenario-events';
import { runActionSync } from '../actions/run';

/**
 * Applies a change to an event through its registered action; returns the refusal (shown
 * beneath the field that caused it rather than as a toast), or null when it was applied.
 */
export function commitEvent(id: string, patch: Partial<ScenarioEvent>): string | null {
  const effects = runActionSync(
    editScenarioEventAction,
    { id, patch },
    (effect) => effect.type === 'toast',
  );
  const refused = effects.find((e) => e.type === 'toast');
  return refused?.type === 'toast' ? refused.message : null;
}
