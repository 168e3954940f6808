import { describe, expect, it } from 'vitest';
import {
  createDeltaReader,
  createDeltaWriter,
} from '../../../../renderer/documents/document-delta';
import { welcomeDoc } from '../actions/fixtures';

describe('documents sent to the validation worker as deltas', () => {
  it('sends the whole document first, then only the nodes that changed', () => {
    const write = createDeltaWriter();
    const read = createDeltaReader();
    const doc = welcomeDoc();
    const first = write(doc);
    expect('full' in first).toBe(true);
    expect(read(first)).toEqual(doc);
    const edited = {
      ...doc,
      name: 'Renamed',
      nodes: doc.nodes.map((n) => (n.id === 'signup' ? { ...n, name: 'api' } : n)),
    };
    const delta = write(edited);
    expect(delta).toEqual({
      rest: { format: doc.format, name: 'Renamed' },
      nodes: [[0, edited.nodes[0]]],
    });
    expect(read(delta)).toEqual(edited);
  });

  it('sends edges whole when they changed, and the whole document when nodes were added', () => {
    const write = createDeltaWriter();
    const read = createDeltaReader();
    const doc = welcomeDoc();
    read(write(doc));
    const rewired = { ...doc, edges: doc.edges.slice(1) };
    const delta = write(rewired);
    expect('edges' in delta && delta.edges).toEqual(rewired.edges);
    expect(read(delta)).toEqual(rewired);
    const grown = { ...rewired, nodes: [...rewired.nodes, { ...rewired.nodes[3]!, id: 'dlq2' }] };
    expect('full' in write(grown)).toBe(true);
  });

  it('refuses a delta before any whole document, with the reason', () => {
    const write = createDeltaWriter();
    const doc = welcomeDoc();
    write(doc);
    const delta = write({ ...doc, name: 'x' });
    expect(() => createDeltaReader()(delta)).toThrow(/before any whole document/);
  });
});
