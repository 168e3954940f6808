import type { PipelineDocument } from '../../shared/document';
import type { GenerateOutcome } from './generate';
import type { Generator } from './generator';

/** What code generation reads: everything but where the nodes sit on the canvas. */
export function codeKey(doc: PipelineDocument): string {
  return JSON.stringify({ ...doc, nodes: doc.nodes.map(({ position: _, ...node }) => node) });
}

export interface FollowOptions {
  getDocument(): PipelineDocument;
  /** Calls `listener` whenever the document may have changed; returns how to stop. */
  subscribe(listener: () => void): () => void;
  generator: Generator;
  /** Quiet time after the last change before regenerating (typing is not interrupted). */
  debounceMs: number;
  /** A regeneration started (its result is on the way). */
  onStart?(): void;
  onOutcome(outcome: GenerateOutcome): void;
}

/**
 * Regenerates the project as the pipeline changes: at once, then after each burst of changes,
 * never two at a time, and only when something code depends on changed (moving nodes on the
 * canvas does not count). Returns a function that stops following.
 */
export function followDocument(options: FollowOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey: string | null = null;
  let running = false;
  let again = false;
  let stopped = false;

  const run = async (): Promise<void> => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    const doc = options.getDocument();
    const key = codeKey(doc);
    if (key === lastKey) return;
    running = true;
    options.onStart?.();
    const outcome = await options.generator.generate(doc);
    running = false;
    if (stopped) return;
    lastKey = key;
    options.onOutcome(outcome);
    if (again) {
      again = false;
      await run();
    }
  };

  const unsubscribe = options.subscribe(() => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => void run(), options.debounceMs);
  });
  void run();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    unsubscribe();
  };
}
