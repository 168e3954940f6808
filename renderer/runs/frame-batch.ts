/**
 * Collects items that arrive between two frames and hands them over once per frame, so a burst
 * of host events costs one store update (and one render) instead of one each.
 */
export function frameBatch<T>(
  flush: (items: T[]) => void,
  schedule: (run: () => void) => void = defaultSchedule,
): { push(item: T): void; flushNow(): void; clear(): void } {
  let pending: T[] = [];
  let scheduled = false;
  const run = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    flush(items);
  };
  return {
    push(item) {
      pending.push(item);
      if (!scheduled) {
        scheduled = true;
        schedule(run);
      }
    },
    flushNow: run,
    clear() {
      pending = [];
    },
  };
}

function defaultSchedule(run: () => void): void {
  // A hidden tab gets no animation frames; a timer keeps the data flowing there.
  if (
    typeof requestAnimationFrame === 'function' &&
    typeof document !== 'undefined' &&
    !document.hidden
  ) {
    requestAnimationFrame(run);
  } else {
    setTimeout(run, 50);
  }
}
