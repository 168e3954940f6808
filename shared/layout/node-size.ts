import type { NodeKind } from '../document/schema';

/** Nominal node sizes on the canvas (the CSS uses the same widths); used for layout and fit. */
export const NODE_SIZE: Record<NodeKind, { width: number; height: number }> = {
  producer: { width: 184, height: 76 },
  queue: { width: 184, height: 84 },
  worker: { width: 196, height: 92 },
};
