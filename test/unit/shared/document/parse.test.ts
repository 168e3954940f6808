import { describe, expect, it } from 'vitest';
import { parseDocumentText, serializeDocument } from '../../../../shared/document';

const minimal = {
  format: 'pipewright/v1',
  name: 'Minimal',
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      name: 'signup',
      position: { x: 0, y: 0 },
      config: { jobName: 'send', arrival: { type: 'poisson', ratePerSec: 5 } },
    },
    { id: 'q', kind: 'queue', name: 'emails', position: { x: 200, y: 0 }, config: {} },
    {
      id: 'w',
      kind: 'worker',
      name: 'sender',
      position: { x: 400, y: 0 },
      config: { concurrency: 2, replicas: 1, service: { type: 'fixed', ms: 10 } },
    },
  ],
  edges: [
    { id: 'e1', from: 'p', to: 'q' },
    { id: 'e2', from: 'q', to: 'w' },
  ],
};

const withNode = (index: number, patch: (node: Record<string, unknown>) => void) => {
  const doc = structuredClone(minimal) as unknown as { nodes: Record<string, unknown>[] };
  patch(doc.nodes[index]!);
  return JSON.stringify(doc);
};

describe('parseDocumentText', () => {
  it('reads a valid document and writes it back byte for byte', () => {
    const text = serializeDocument(
      (parseDocumentText(JSON.stringify(minimal)) as { ok: true; document: never }).document,
    );
    const again = parseDocumentText(text);
    expect(again.ok).toBe(true);
    if (again.ok) expect(serializeDocument(again.document)).toBe(text);
  });

  it('writes keys in schema order whatever order they were read in', () => {
    const shuffled = {
      edges: minimal.edges,
      nodes: minimal.nodes,
      name: 'Minimal',
      format: 'pipewright/v1',
    };
    const result = parseDocumentText(JSON.stringify(shuffled));
    expect(result.ok).toBe(true);
    if (result.ok) expect(serializeDocument(result.document).indexOf('"format"')).toBe(4);
  });

  it('names the path, the rule and the bad value', () => {
    const result = parseDocumentText(
      withNode(2, (n) => ((n.config as Record<string, unknown>).concurrency = 0)),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'nodes[2].config.concurrency',
          message: 'must be an integer from 1 to 10000, got 0',
        },
      ],
    });
  });

  it('refuses unknown fields', () => {
    const result = parseDocumentText(withNode(1, (n) => (n.colour = 'red')));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: 'nodes[1].colour' });
  });

  it('explains an unknown arrival type', () => {
    const result = parseDocumentText(
      withNode(0, (n) => ((n.config as Record<string, unknown>).arrival = { type: 'weekly' })),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]!.path).toBe('nodes[0].config.arrival.type');
      expect(result.errors[0]!.message).toContain('"poisson"');
    }
  });

  it('refuses a newer format, naming it', () => {
    const result = parseDocumentText(JSON.stringify({ ...minimal, format: 'pipewright/v7' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/pipewright\/v7.*newer Pipewright/);
  });

  it.each([
    ['truncated JSON', JSON.stringify(minimal).slice(0, 120), /ends too early/],
    ['empty file', '', /empty/],
    ['binary garbage', '\u0000\u0001\u0002PNG', /binary/],
    ['wrong top-level type', '[1,2,3]', /expected a JSON object/],
    ['missing format', '{"name":"x"}', /"format" is missing/],
    ['deep nesting', `${'['.repeat(10_000)}${']'.repeat(10_000)}`, /nested more than 64/],
    [
      '50 MB',
      `"${'x'.repeat(50 * 1024 * 1024)}"`,
      /file is 50 MB; a pipeline document is at most 10 MB/,
    ],
    [
      'a string where a number belongs',
      withNode(2, (n) => ((n.config as Record<string, unknown>).replicas = 'two')),
      /replicas/,
    ],
  ])('gives a clear error for %s', (_name, text, pattern) => {
    const result = parseDocumentText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const all = result.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
      expect(all).toMatch(pattern);
    }
  });

  it.each([
    ['a password file', 'root:x:0:0:root:/root:/bin/bash\n', 'root:x'],
    ['an unquoted word', 'token-9f8e7d', 'token-9f8e'],
    ['a foreign JSON file', '{"format":"secret-config-4711","key":"v"}', 'secret-config'],
    ['a bad literal', '{"api_key": tru}', 'api_key'],
  ])('never echoes the contents of %s in its error', (_name, text, secret) => {
    const result = parseDocumentText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const all = result.errors.map((e) => `${e.path}: ${e.message}`).join('\n');
      expect(all).toMatch(/invalid JSON|not a pipeline/);
      expect(all).not.toContain(secret);
    }
  });

  it('refuses duplicate ids and edges to missing nodes', () => {
    const doc = structuredClone(minimal);
    doc.nodes[1]!.id = 'p';
    doc.edges.push({ id: 'e1', from: 'w', to: 'ghost' });
    const result = parseDocumentText(JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const paths = result.errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['nodes[1].id', 'edges[2].id', 'edges[2].to']));
    }
  });
});
