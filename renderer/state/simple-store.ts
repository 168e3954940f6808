import { useSyncExternalStore } from 'react';

/**
 * A small observable value for the Code panel's view state (`code-store.ts`): a few fields read
 * by one panel need no zustand middleware, only `useSyncExternalStore`.
 */
export interface SimpleStore<T> {
  getState(): T;
  setState(patch: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: (state: T, previous: T) => void): () => void;
}

export function createSimpleStore<T extends object>(initial: T): SimpleStore<T> {
  let state = initial;
  const listeners = new Set<(state: T, previous: T) => void>();
  return {
    getState: () => state,
    setState(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      const keys = Object.keys(next) as (keyof T)[];
      if (keys.every((key) => Object.is(next[key], state[key]))) return;
      const previous = state;
      state = { ...state, ...next };
      for (const listener of listeners) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reads a slice of a store in a component; re-renders when the slice changes. */
export function useSimpleStore<T, S>(store: SimpleStore<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}
