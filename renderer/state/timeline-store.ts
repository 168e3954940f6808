import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** The scenario timeline's own state: the event being edited. */
export interface TimelineState {
  selectedEventId: string | null;
}

export const timelineStore = createStore<TimelineState>()(() => ({ selectedEventId: null }));

export function useTimeline<T>(selector: (state: TimelineState) => T): T {
  return useStore(timelineStore, selector);
}

export function selectEvent(id: string | null): void {
  timelineStore.setState({ selectedEventId: id });
}
