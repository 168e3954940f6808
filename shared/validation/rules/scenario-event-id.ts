import { eventLabel, scenarioEvents } from '../scenario-events';
import type { Diagnostic, ValidationRule } from '../types';

/** Each scenario event has its own id: the report and the timeline name events by it. */
export const scenarioEventId: ValidationRule = {
  id: 'scenario-event-id',
  check({ doc }) {
    const seen = new Map<string, number>();
    const found: Diagnostic[] = [];
    scenarioEvents(doc).forEach((event, i) => {
      const first = seen.get(event.id);
      if (first === undefined) {
        seen.set(event.id, i);
        return;
      }
      found.push({
        rule: 'scenario-event-id',
        severity: 'error',
        message: `${eventLabel(event)} (scenario.events[${i}]) has the id "${event.id}" of scenario.events[${first}]`,
        hint: `give scenario.events[${i}] an id no other event has, e.g. "${event.id}-${i}"`,
      });
    });
    return found;
  },
};
