import { useEdgeWidth } from './useEdgeWidth';
import './badges.css';

/**
 * A translucent band under an edge, as wide as the jobs flowing through it during a simulation
 * or run (the edge's own line and arrow keep their size).
 */
export function EdgeFlow({ edgeId, path }: { edgeId: string; path: string }) {
  const width = useEdgeWidth(edgeId);
  if (width === undefined) return null;
  return (
    <path
      d={path}
      className="edge-flow"
      fill="none"
      style={{ strokeWidth: width }}
      data-testid="edge-flow"
      data-width={width}
    />
  );
}
