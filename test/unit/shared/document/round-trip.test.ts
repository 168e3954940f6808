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
      fc.property(arbitraryDocument(), (doc) => {
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
});
