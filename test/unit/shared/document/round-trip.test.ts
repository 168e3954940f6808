import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDocumentBytes,
  parseDocumentText,
  serializeDocument,
} from '../../../../shared/document';
import { arbitraryDocument } from '../../../helpers/arbitrary-document';

/**
 * Issue 11 §3: whatever the app writes it must read back. A document named with U+FFFD was
 * saved, then refused as "binary data". The file is UTF-8 bytes of serializeDocument's text.
 */
describe('save → open round trip', () => {
  it('parse(serialize(doc)) equals doc for every valid document, through UTF-8 bytes', () => {
    fc.assert(
      fc.property(arbitraryDocument({ scenarios: true }), (doc) => {
        const text = serializeDocument(doc);
        const bytes = new TextEncoder().encode(text);
        const read = parseDocumentBytes(bytes);
        expect(read).toEqual({ ok: true, document: doc });
        // And saving what was read gives the same bytes again.
        expect(serializeDocument((read as { document: typeof doc }).document)).toBe(text);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('reads back the names that used to be refused: U+FFFD, a byte-order mark, a lone surrogate', () => {
    for (const name of ['caf\uFFFD', '\uFEFFfirst', '\ud800 alone', 'nul \u0000 inside']) {
      const doc = { format: 'pipewright/v1' as const, name, nodes: [], edges: [] };
      const bytes = new TextEncoder().encode(serializeDocument(doc));
      expect(parseDocumentBytes(bytes)).toEqual({ ok: true, document: doc });
    }
  });

  it('still calls a raw NUL binary data (JSON text never holds one)', () => {
    expect(parseDocumentText('{"format":"pipewright/v1"}\u0000')).toEqual({
      ok: false,
      errors: [
        {
          path: '',
          message: 'not a text file (it contains binary data); open a .pipewright.json file',
        },
      ],
    });
  });

  it('writes a scenario and an autoscale policy in schema order, whatever order they were given in', () => {
    const canonical = `{
  "format": "pipewright/v1",
  "name": "Outage",
  "nodes": [
    {
      "id": "w",
      "kind": "worker",
      "name": "w",
      "position": {
        "x": 0,
        "y": 0
      },
      "config": {
        "concurrency": 2,
        "replicas": 1,
        "service": {
          "type": "fixed",
          "ms": 100
        },
        "autoscale": {
          "metric": "waiting+delayed",
          "targetPerReplica": 10,
          "minReplicas": 1,
          "maxReplicas": 4,
          "pollMs": 30000,
          "cooldownMs": 300000,
          "startupMs": 5000
        }
      }
    }
  ],
  "edges": [],
  "scenario": {
    "events": [
      {
        "id": "e1",
        "name": "Payment API down",
        "nodeId": "w",
        "atMs": 60000,
        "durationMs": 600000,
        "change": {
          "type": "failureRate",
          "failureRate": 1
        }
      }
    ]
  }
}
`;
    const shuffled = {
      scenario: {
        events: [
          {
            change: { failureRate: 1, type: 'failureRate' },
            durationMs: 600000,
            atMs: 60000,
            nodeId: 'w',
            name: 'Payment API down',
            id: 'e1',
          },
        ],
      },
      edges: [],
      nodes: [
        {
          config: {
            autoscale: {
              startupMs: 5000,
              cooldownMs: 300000,
              pollMs: 30000,
              maxReplicas: 4,
              minReplicas: 1,
              targetPerReplica: 10,
              metric: 'waiting+delayed',
            },
            service: { ms: 100, type: 'fixed' },
            replicas: 1,
            concurrency: 2,
          },
          position: { y: 0, x: 0 },
          name: 'w',
          kind: 'worker',
          id: 'w',
        },
      ],
      name: 'Outage',
      format: 'pipewright/v1',
    };
    const read = parseDocumentText(JSON.stringify(shuffled));
    expect(read.ok).toBe(true);
    const doc = (read as { document: Parameters<typeof serializeDocument>[0] }).document;
    expect(serializeDocument(doc)).toBe(canonical);
    const again = parseDocumentText(canonical);
    expect(serializeDocument((again as { document: typeof doc }).document)).toBe(canonical);
  });

  it('leaves a file without a scenario byte-identical (no empty scenario appears)', () => {
    const text = serializeDocument({ format: 'pipewright/v1', name: 'Old', nodes: [], edges: [] });
    expect(text).toBe(
      '{\n  "format": "pipewright/v1",\n  "name": "Old",\n  "nodes": [],\n  "edges": []\n}\n',
    );
  });
});
