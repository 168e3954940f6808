import { checkConnection, type EdgeOn } from '../../shared/document';
import { numbered } from '../editing/names';
import { changed } from './helpers';
import type { Action } from './types';

export interface ConnectInput {
  from: string;
  to: string;
  on?: EdgeOn;
}

/** Draws an edge; an illegal one is refused with a sentence saying why. */
export const connectAction: Action<ConnectInput> = {
  id: 'connect',
  label: 'Connect',
  group: 'canvas',
  perform(state, { from, to, on = 'completed' }) {
    const doc = state.doc.document;
    const check = checkConnection(doc, from, to, on);
    if (!check.ok) return { effects: [{ type: 'toast', tone: 'warning', message: check.reason }] };
    const id = numbered('e', new Set(doc.edges.map((e) => e.id)), '');
    const edge = on === 'failed' ? { id, from, to, on } : { id, from, to };
    return changed(state, { ...doc, edges: [...doc.edges, edge] });
  },
};
