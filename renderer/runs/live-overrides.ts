import { formatPercent } from '../../shared/metrics/format';
import type { PipelineDocument, PipelineNode } from '../../shared/document';
import { arrivalAtRate } from '../../shared/simulation/arrivals';
import { arrivalSummary, producerSummary, queueSummary, workerSummary } from '../canvas/format';
import { plural } from '../../shared/plural';

/** Values changed by live controls, shown on the node and offered to keep in the design. */
export interface NodeOverrides {
  ratePerSec?: number;
  concurrency?: number;
  failureRate?: number;
  /** Replicas alive (killed and started ones counted); 0: the worker is down. */
  replicas?: number;
}

/** A node's summary line, marked with the design's value when a live override changed it. */
export interface SummaryLine {
  text: string;
  /** The design's line, when this one shows a live override instead. */
  design: string | null;
}

/** A node's settings with the live overrides applied (rate 0 keeps the design arrival). */
export function applyOverrides(node: PipelineNode, o: NodeOverrides | undefined): PipelineNode {
  if (!o) return node;
  if (node.kind === 'producer' && o.ratePerSec !== undefined) {
    const arrival = arrivalAtRate(node.config.arrival, o.ratePerSec);
    return arrival ? { ...node, config: { ...node.config, arrival } } : node;
  }
  if (node.kind === 'worker') {
    const config = { ...node.config };
    if (o.concurrency !== undefined) config.concurrency = o.concurrency;
    if (o.replicas !== undefined) config.replicas = o.replicas;
    if (o.failureRate !== undefined) config.failureRate = o.failureRate;
    return { ...node, config };
  }
  return node;
}

function summary(node: PipelineNode): string[] {
  switch (node.kind) {
    case 'producer':
      return producerSummary(node.config);
    case 'queue':
      return queueSummary(node.config);
    case 'worker':
      return workerSummary(node.config);
  }
}

/** The node's lines with live overrides in place of the design values, each marked. */
export function summaryLines(node: PipelineNode, o: NodeOverrides | undefined): SummaryLine[] {
  const design = summary(node);
  if (!o) return design.map((text) => ({ text, design: null }));
  const live = summary(applyOverrides(node, o));
  if (node.kind === 'producer' && o.ratePerSec === 0) live[0] = 'stopped (rate 0)';
  return live.map((text, i) => ({ text, design: text === design[i] ? null : design[i]! }));
}

/** True when a worker's override leaves it with no replica alive. */
export const isDown = (node: PipelineNode, o: NodeOverrides | undefined): boolean =>
  node.kind === 'worker' && o?.replicas === 0;

/** One line per override: what keeping it in the design would change. */
export function describeOverrides(
  doc: PipelineDocument,
  overrides: Readonly<Record<string, NodeOverrides>>,
): string[] {
  const lines: string[] = [];
  for (const node of doc.nodes) {
    const o = overrides[node.id];
    if (!o) continue;
    if (node.kind === 'producer' && o.ratePerSec !== undefined) {
      const arrival = arrivalAtRate(node.config.arrival, o.ratePerSec);
      lines.push(
        `${node.name}: ${arrival ? arrivalSummary(arrival) : 'rate 0 (not kept: a producer needs a rate)'}`,
      );
    }
    if (node.kind !== 'worker') continue;
    if (o.concurrency !== undefined) lines.push(`${node.name}: concurrency ${o.concurrency}`);
    if (o.replicas !== undefined)
      lines.push(
        `${node.name}: ${o.replicas === 0 ? '0 replicas (not kept: a worker needs one)' : plural(o.replicas, 'replica')}`,
      );
    if (o.failureRate !== undefined)
      lines.push(`${node.name}: ${formatPercent(o.failureRate, 1)} of attempts fail`);
  }
  return lines;
}

/**
 * The document with the overrides kept as design values, for the nodes it still has. Values a
 * design cannot hold (rate 0, no replica) are left as designed.
 */
export function keepOverrides(
  doc: PipelineDocument,
  overrides: Readonly<Record<string, NodeOverrides>>,
): PipelineDocument {
  let touched = false;
  const nodes = doc.nodes.map((node) => {
    const o = overrides[node.id];
    if (!o) return node;
    const kept = applyOverrides(node, o.replicas === 0 ? { ...o, replicas: undefined } : o);
    if (kept !== node) touched = true;
    return kept;
  });
  return touched ? { ...doc, nodes } : doc;
}
