import type { FinalConnectionState, InternalNode } from '@xyflow/react';
import {
  checkConnection,
  nextKind,
  previousKind,
  type EdgeOn,
  type NodeKind,
} from '../../shared/document';
import { HANDLE, type FlowNode } from './adapter';

/** What to do when a connection drag ends somewhere other than a legal handle. */
export type DropOutcome =
  | { kind: 'none' }
  | { kind: 'connect'; from: string; to: string; on: EdgeOn }
  | { kind: 'refuse'; reason: string }
  | {
      kind: 'create';
      newKind: NodeKind;
      link: { nodeId: string; direction: 'from' | 'to'; on: EdgeOn };
    };

/** The kind that may sit on the other end of a handle. */
const partnerKind = (kind: NodeKind, handleType: 'source' | 'target'): NodeKind | undefined =>
  handleType === 'source' ? nextKind(kind) : previousKind(kind);

/**
 * Decides the outcome of a connection drag that React Flow did not complete itself: dropped on a
 * node's body (connect if legal), on an illegal node (refuse, saying why), or on empty canvas
 * (create the node that fits and connect it).
 */
export function connectionDropOutcome(
  doc: Parameters<typeof checkConnection>[0],
  state: FinalConnectionState<InternalNode<FlowNode>>,
  nodeUnderPointer: string | null,
): DropOutcome {
  if (state.isValid === true || !state.fromNode || !state.fromHandle) return { kind: 'none' };
  const start = state.fromNode.id;
  const startKind = doc.nodes.find((n) => n.id === start)?.kind;
  if (!startKind) return { kind: 'none' };
  const forward = state.fromHandle.type === 'source';
  const on: EdgeOn = state.fromHandle.id === HANDLE.failed ? 'failed' : 'completed';
  const other = state.toNode?.id ?? nodeUnderPointer;
  if (other === start) return { kind: 'none' };
  if (other) {
    const [from, to] = forward ? [start, other] : [other, start];
    const check = checkConnection(doc, from, to, on);
    return check.ok ? { kind: 'connect', from, to, on } : { kind: 'refuse', reason: check.reason };
  }
  const newKind = partnerKind(startKind, state.fromHandle.type);
  if (!newKind) return { kind: 'none' };
  return {
    kind: 'create',
    newKind,
    link: { nodeId: start, direction: forward ? 'from' : 'to', on: forward ? on : 'completed' },
  };
}
