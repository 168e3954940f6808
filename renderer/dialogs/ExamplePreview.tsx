import type { PipelineDocument } from '../../shared/document';
import { edgeOn } from '../../shared/document';
import { NODE_SIZE } from '../editing/node-size';

/** A thumbnail of a pipeline: its nodes as coloured blocks where they sit, its edges as lines. */
export function ExamplePreview({ doc }: { doc: PipelineDocument }) {
  if (doc.nodes.length === 0) {
    return <svg className="preview" viewBox="0 0 200 100" aria-hidden="true" />;
  }
  const xs = doc.nodes.flatMap((n) => [n.position.x, n.position.x + NODE_SIZE[n.kind].width]);
  const ys = doc.nodes.flatMap((n) => [n.position.y, n.position.y + NODE_SIZE[n.kind].height]);
  const pad = 40;
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - pad;
  const width = Math.max(Math.max(...xs) - minX + pad, 400);
  const height = Math.max(Math.max(...ys) - minY + pad, 200);
  const centre = new Map(
    doc.nodes.map((n) => [
      n.id,
      {
        x: n.position.x + NODE_SIZE[n.kind].width / 2,
        y: n.position.y + NODE_SIZE[n.kind].height / 2,
      },
    ]),
  );
  return (
    <svg className="preview" viewBox={`${minX} ${minY} ${width} ${height}`} aria-hidden="true">
      {doc.edges.map((e) => {
        const a = centre.get(e.from);
        const b = centre.get(e.to);
        if (!a || !b) return null;
        const failed = edgeOn(e) === 'failed';
        return (
          <line
            key={e.id}
            x1={a.x}
            y1={a.y}
            x2={b.x}
            y2={b.y}
            className={failed ? 'preview__edge preview__edge--failed' : 'preview__edge'}
          />
        );
      })}
      {doc.nodes.map((n) => (
        <rect
          key={n.id}
          x={n.position.x}
          y={n.position.y}
          width={NODE_SIZE[n.kind].width}
          height={NODE_SIZE[n.kind].height}
          rx={n.kind === 'producer' ? 38 : n.kind === 'queue' ? 20 : 6}
          className={`preview__node preview__node--${n.kind}`}
        />
      ))}
    </svg>
  );
}
