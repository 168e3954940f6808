import type { PipelineDocument } from '../document/schema';
import { detectDrift, type DriftFlag, type MeasuredFigure } from './drift';

/**
 * Monitor mode's calibration check (docs/architecture.md "Calibration"): a refit of the live
 * deployment on a recent window, compared with the figures the monitored document was imported
 * with. The refit builds a fresh document whose node ids need not be the monitored one's (the
 * user may have edited it, or another import numbered them differently), so nodes are matched by
 * what they stand for in BullMQ: a queue by its name, a worker by the queue it consumes, a
 * producer by its job name and queue, an edge by its two ends and `on`.
 */

/** Each node's and edge's BullMQ identity; ids whose identity is shared by another are left out. */
export function deploymentKeys(doc: PipelineDocument): Map<string, string> {
  const nodes = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const keys = new Map<string, string>();
  for (const node of doc.nodes) if (node.kind === 'queue') keys.set(node.id, `queue ${node.name}`);
  for (const edge of doc.edges) {
    const from = nodes.get(edge.from);
    const to = nodes.get(edge.to);
    if (!from || !to || to.kind === 'producer') continue;
    if (from.kind === 'queue' && to.kind === 'worker' && !keys.has(to.id)) {
      keys.set(to.id, `worker ${from.name}`);
    } else if (from.kind === 'producer' && to.kind === 'queue' && !keys.has(from.id)) {
      keys.set(from.id, `producer ${to.name} ${from.config.jobName}`);
    }
  }
  for (const edge of doc.edges) {
    const from = keys.get(edge.from);
    const to = keys.get(edge.to);
    if (from && to) keys.set(edge.id, `edge ${from} > ${to} ${edge.on ?? 'completed'}`);
  }
  const count = new Map<string, number>();
  for (const key of keys.values()) count.set(key, (count.get(key) ?? 0) + 1);
  for (const [id, key] of keys) if (count.get(key)! > 1) keys.delete(id);
  return keys;
}

/** The refit's measured figures, renamed to the monitored document's node ids (unmatched dropped). */
export function figuresOn(monitored: PipelineDocument, refit: PipelineDocument): MeasuredFigure[] {
  const idOf = new Map<string, string>();
  for (const [id, key] of deploymentKeys(monitored)) idOf.set(key, id);
  const refitKeys = deploymentKeys(refit);
  const out: MeasuredFigure[] = [];
  for (const field of refit.calibration?.fields ?? []) {
    const key = refitKeys.get(field.nodeId);
    const nodeId = key === undefined ? undefined : idOf.get(key);
    if (nodeId !== undefined) out.push({ ...field, nodeId });
  }
  return out;
}

/** The figures of an imported document that a refit (a document `calibrate` built) contradicts. */
export function driftSinceImport(
  monitored: PipelineDocument,
  refit: PipelineDocument,
): DriftFlag[] {
  if (!monitored.calibration) return [];
  return detectDrift(
    { values: monitored.calibration.fields },
    { values: figuresOn(monitored, refit) },
  );
}

/** Flags shown, and how many refits in a row found each one. */
export interface DriftWatch {
  flags: DriftFlag[];
  streak: Record<string, number>;
}

export const EMPTY_DRIFT_WATCH: DriftWatch = { flags: [], streak: {} };

const flagKey = (f: DriftFlag) => `${f.nodeId}\u0000${f.field}`;

/**
 * The next refit's verdict: a figure is flagged once `confirmAfter` refits in a row found it
 * moved (one 95 % test per figure per refit would cry wolf now and then), with the latest
 * before → after; a refit that agrees again clears it at once.
 */
export function trackDrift(
  previous: DriftWatch,
  found: readonly DriftFlag[],
  confirmAfter = 2,
): DriftWatch {
  const streak: Record<string, number> = {};
  const flags: DriftFlag[] = [];
  for (const flag of found) {
    const key = flagKey(flag);
    streak[key] = (previous.streak[key] ?? 0) + 1;
    if (streak[key] >= confirmAfter) flags.push(flag);
  }
  return { flags, streak };
}
