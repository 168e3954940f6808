import type { FinalConnectionState, InternalNode } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import type { FlowNode } from '../../../../renderer/canvas/adapter';
import { connectionDropOutcome } from '../../../../renderer/canvas/connect-drop';
import { welcomeDoc } from '../actions/fixtures';

/** A finished connection drag as React Flow reports it (only the fields the decision reads). */
function drag(
  from: string,
  handle: { id: string; type: 'source' | 'target' },
  to: string | null,
  isValid: boolean | null,
) {
  return {
    isValid,
    fromNode: { id: from },
    fromHandle: {
      id: handle.id,
      type: handle.type,
      nodeId: from,
      position: 'right',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
    },
    toNode: to ? { id: to } : null,
  } as unknown as FinalConnectionState<InternalNode<FlowNode>>;
}

const doc = { ...welcomeDoc(), edges: [] };

describe('where a connection drag ends', () => {
  it('does nothing when React Flow already connected it', () => {
    expect(
      connectionDropOutcome(
        doc,
        drag('signup', { id: 'out', type: 'source' }, 'emails', true),
        null,
      ),
    ).toEqual({
      kind: 'none',
    });
  });

  it('connects when dropped on a legal node body, in either direction', () => {
    expect(
      connectionDropOutcome(
        doc,
        drag('signup', { id: 'out', type: 'source' }, null, null),
        'emails',
      ),
    ).toEqual({
      kind: 'connect',
      from: 'signup',
      to: 'emails',
      on: 'completed',
    });
    expect(
      connectionDropOutcome(
        doc,
        drag('sender', { id: 'in', type: 'target' }, null, null),
        'emails',
      ),
    ).toEqual({
      kind: 'connect',
      from: 'emails',
      to: 'sender',
      on: 'completed',
    });
  });

  it('refuses an illegal target with the reason', () => {
    const outcome = connectionDropOutcome(
      doc,
      drag('signup', { id: 'out', type: 'source' }, 'sender', false),
      null,
    );
    expect(outcome).toEqual({
      kind: 'refuse',
      reason:
        'A producer adds jobs to a queue, not to a worker; put a queue between them: producer → queue → worker.',
    });
  });

  it('creates the fitting node on empty canvas: a dead-letter queue from a failed handle', () => {
    expect(
      connectionDropOutcome(
        doc,
        drag('sender', { id: 'failed', type: 'source' }, null, null),
        null,
      ),
    ).toEqual({
      kind: 'create',
      newKind: 'queue',
      link: { nodeId: 'sender', direction: 'from', on: 'failed' },
    });
    expect(
      connectionDropOutcome(doc, drag('emails', { id: 'in', type: 'target' }, null, null), null),
    ).toEqual({
      kind: 'create',
      newKind: 'producer',
      link: { nodeId: 'emails', direction: 'to', on: 'completed' },
    });
  });
});
