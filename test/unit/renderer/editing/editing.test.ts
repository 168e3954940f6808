import { describe, expect, it } from 'vitest';
import { nodeSchema } from '../../../../shared/document';
import { checkConnection } from '../../../../shared/document';
import { getIn, setIn } from '../../../../renderer/editing/edit';
import { FRAGMENT_LIBRARY } from '../../../../renderer/editing/fragment-library';
import {
  extractFragment,
  mergeFragment,
  readFragment,
} from '../../../../renderer/editing/fragment';
import { idFromName, numbered, uniqueName } from '../../../../renderer/editing/names';
import { editDocument, editNodes } from '../../../../renderer/editing/validate-edit';
import { blankDocument } from '../../../../renderer/editing/blank';
import { welcomeDoc } from '../actions/fixtures';

describe('names', () => {
  it('keeps a free name and numbers a taken one', () => {
    const taken = new Set(['emails', 'emails-2', 'queue-1']);
    expect(uniqueName('sms', taken)).toBe('sms');
    expect(uniqueName('emails', taken)).toBe('emails-3');
    expect(uniqueName('emails-2', taken)).toBe('emails-3');
    expect(numbered('queue', taken)).toBe('queue-2');
    expect(numbered('e', new Set(['e1', 'e2']), '')).toBe('e3');
    expect(idFromName('Send Emails: EU!')).toBe('send-emails-eu');
    expect(idFromName('***')).toBe('node');
  });
});

describe('immutable field edits', () => {
  it('copies only the objects along the path and removes keys set to undefined', () => {
    const doc = welcomeDoc();
    const next = setIn(doc, ['nodes', 1, 'config', 'attempts'], 5);
    expect(getIn(next, ['nodes', 1, 'config', 'attempts'])).toBe(5);
    expect(next.nodes[0]).toBe(doc.nodes[0]);
    expect(next.nodes[1]!.position).toBe(doc.nodes[1]!.position);
    const without = setIn(doc, ['nodes', 1, 'config', 'backoff'], undefined);
    expect(Object.keys(without.nodes[1]!.config)).toEqual(['attempts']);
  });

  it('validates node and document edits with the schema, in its words', () => {
    const doc = welcomeDoc();
    expect(editNodes(doc, ['signup'], ['config', 'arrival', 'ratePerSec'], -1)).toEqual({
      ok: false,
      message: 'Must be a number > 0',
    });
    expect(editNodes(doc, ['emails'], ['name'], '')).toMatchObject({ ok: false });
    const ok = editNodes(doc, ['emails'], ['config', 'attempts'], 7);
    expect(ok.ok && nodeSchema.parse(ok.document.nodes[1]).config).toMatchObject({ attempts: 7 });
    expect(editNodes(doc, ['emails'], ['config', 'attempts'], 3)).toEqual({
      ok: true,
      document: doc,
    });
    expect(editDocument(doc, ['settings', 'redisUrl'], 'http://x')).toEqual({
      ok: false,
      message: 'Must be a redis:// or rediss:// URL',
    });
  });
});

describe('legal connections', () => {
  it('allows exactly producer→queue, queue→worker and worker→queue', () => {
    const doc = { ...welcomeDoc(), edges: [] };
    expect(checkConnection(doc, 'signup', 'emails')).toEqual({ ok: true });
    expect(checkConnection(doc, 'emails', 'sender')).toEqual({ ok: true });
    expect(checkConnection(doc, 'sender', 'dead-letters', 'failed')).toEqual({ ok: true });
    expect(checkConnection(doc, 'signup', 'emails', 'failed')).toMatchObject({ ok: false });
    expect(checkConnection(doc, 'missing', 'emails')).toMatchObject({ ok: false });
  });
});

describe('fragments', () => {
  it('round-trips a copied fragment through clipboard text', () => {
    const fragment = extractFragment(welcomeDoc(), new Set(['sender', 'dead-letters']));
    expect(fragment.edges.map((e) => e.id)).toEqual(['e3']);
    const read = readFragment(JSON.stringify(fragment));
    expect(read.ok).toBe(true);
    expect(readFragment('')).toEqual({
      ok: false,
      errors: [{ path: '', message: 'the clipboard is empty' }],
    });
    expect(readFragment('{"format":"pipewright/v9"}')).toMatchObject({ ok: false });
  });

  it('drops edges whose ends were not copied', () => {
    const merged = mergeFragment(blankDocument(), {
      nodes: welcomeDoc().nodes.slice(0, 1),
      edges: welcomeDoc().edges,
    });
    expect(merged.edgeIds).toEqual([]);
  });

  it('has library patterns that are valid, connected pipelines', () => {
    for (const pattern of FRAGMENT_LIBRARY) {
      const { nodes, edges } = pattern.build();
      for (const n of nodes)
        expect(nodeSchema.safeParse(n).success, `${pattern.id}/${n.id}`).toBe(true);
      const ids = new Set(nodes.map((n) => n.id));
      for (const e of edges)
        expect(ids.has(e.from) && ids.has(e.to), `${pattern.id}/${e.id}`).toBe(true);
    }
  });
});
