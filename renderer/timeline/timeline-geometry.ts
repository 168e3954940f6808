import type { PipelineDocument, ScenarioEvent } from '../../shared/document';

/** Where things sit on the scenario timeline: its span, ticks, lanes, and snapping a drag. */

/** Round steps for ticks and snapping, in ms. */
const STEPS = [
  1000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
  3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000,
];

/**
 * The span the axis shows: the simulation's length, stretched to show every event (its end, or
 * a little past its start when it lasts to the end) with room to drag past it.
 */
export function timelineSpanMs(events: readonly ScenarioEvent[], simulatedMs: number): number {
  let span = simulatedMs > 0 ? simulatedMs : 600_000;
  for (const e of events) {
    const end = e.durationMs === undefined ? e.atMs * 1.1 : e.atMs + e.durationMs;
    span = Math.max(span, end * 1.05);
  }
  return span;
}

/** Tick positions for about `count` ticks over the span. */
export function ticks(spanMs: number, count = 8): number[] {
  const step = STEPS.find((s) => spanMs / s <= count) ?? STEPS[STEPS.length - 1]!;
  const out: number[] = [];
  for (let t = 0; t <= spanMs; t += step) out.push(t);
  return out;
}

/** What a drag snaps to: a round step of about a hundredth of the span (at least 1 s). */
export function snapStep(spanMs: number): number {
  return [...STEPS].reverse().find((s) => s <= spanMs / 100) ?? 1000;
}

export const snap = (ms: number, step: number): number => Math.max(0, Math.round(ms / step) * step);

/** One lane per node with events (document order), plus the node the user may add one to. */
export function laneNodes(doc: PipelineDocument, selectedId: string | null): string[] {
  const wanted = new Set((doc.scenario?.events ?? []).map((e) => e.nodeId));
  if (selectedId !== null) wanted.add(selectedId);
  const lanes = doc.nodes.filter((n) => wanted.has(n.id)).map((n) => n.id);
  // An event on a node that is gone keeps a lane, so it can be seen and deleted.
  for (const id of wanted) if (!lanes.includes(id)) lanes.push(id);
  return lanes;
}

/** A drag of an event's body moves it; of its right edge, changes its duration. */
export function dragged(
  event: ScenarioEvent,
  mode: 'move' | 'resize',
  deltaMs: number,
  step: number,
): Pick<ScenarioEvent, 'atMs' | 'durationMs'> {
  if (mode === 'move')
    return { atMs: snap(event.atMs + deltaMs, step), durationMs: event.durationMs };
  const duration = event.durationMs ?? 0;
  return { atMs: event.atMs, durationMs: Math.max(step, snap(duration + deltaMs, step)) };
}
