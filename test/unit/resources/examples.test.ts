import { describe, expect, it } from 'vitest';
import { parseDocumentText, serializeDocument } from '../../../shared/document';
import { validateDocument } from '../../../shared/validation';

const files = import.meta.glob<string>('../../../resources/examples/*.pipewright.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const examples = Object.entries(files).map(([path, text]) => ({
  id: path.slice(path.lastIndexOf('/') + 1, -'.pipewright.json'.length),
  text,
}));

const parse = (text: string) => {
  const result = parseDocumentText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
};

describe('examples', () => {
  it('ship the four patterns the app promises', () => {
    expect(examples.map((e) => e.id).sort()).toEqual(
      expect.arrayContaining(['api-sync', 'nightly-report', 'upload-processing', 'welcome-emails']),
    );
  });

  describe.each(examples)('$id', ({ text }) => {
    it('parses, and round-trips to identical bytes', () => {
      expect(serializeDocument(parse(text))).toBe(text);
    });

    it('validates with zero diagnostics', () => {
      expect(validateDocument(parse(text))).toEqual([]);
    });

    it('has a description and a left-to-right layout on the canvas grid', () => {
      const doc = parse(text);
      expect(doc.description?.length).toBeGreaterThan(40);
      const at = new Map(doc.nodes.map((n) => [n.id, n.position] as const));
      for (const node of doc.nodes) {
        expect(node.position.x % 280, node.id).toBe(0);
        expect(node.position.y % 160, node.id).toBe(0);
      }
      expect(new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`)).size).toBe(
        doc.nodes.length,
      );
      for (const edge of doc.edges) {
        expect(at.get(edge.to)!.x, edge.id).toBeGreaterThan(at.get(edge.from)!.x);
      }
    });
  });

  it('model what their names say', () => {
    const byId = Object.fromEntries(examples.map((e) => [e.id, parse(e.text)]));
    const welcome = byId['welcome-emails']!;
    expect(welcome.edges.some((e) => e.on === 'failed' && e.to === 'dead-letters')).toBe(true);
    const nightly = byId['nightly-report']!;
    expect(nightly.nodes[0]!.kind === 'producer' && nightly.nodes[0]!.config.arrival).toEqual({
      type: 'schedule',
      cron: '0 2 * * *',
    });
    const sync = byId['api-sync']!.nodes.find((n) => n.kind === 'queue');
    expect(sync?.kind === 'queue' && sync.config.rateLimit).toEqual({ max: 10, durationMs: 1000 });
    const uploads = byId['upload-processing']!;
    expect(uploads.nodes.filter((n) => n.kind === 'worker').map((n) => n.name)).toEqual([
      'upload-ingest',
      'thumbnailer',
      'virus-scanner',
    ]);
    const report = byId['report-fanout']!;
    expect(report.edges.filter((e) => e.on === 'children' || e.on === 'parent')).toEqual([
      expect.objectContaining({ to: 'report-parts', on: 'children', children: 20 }),
      expect.objectContaining({ to: 'assemble', on: 'parent' }),
    ]);
    expect(report.edges.find((e) => e.on === 'children')?.childFailure).toBe('failParentOnFailure');
  });
});
